#!/usr/bin/env python3
"""The same boto3 calls against moto's server and against awsaccess, side by side.

Each backend gets the same sequence of calls with the same client code:
IAM users and the policy simulator, Organizations (organization, accounts,
delegated administrators, an SCP), Amazon Inspector (delegation, scans for
a member, findings, aggregations, suppression rules) and the calls that must
be refused. For every call the script records whether the backend got it
right, by the documented AWS result shape and behaviour (each row says what
"right" means), and how many calls per second the same client made.

Only the setup differs, as each backend allows: awsaccess starts from a
world file (the embedded default world without its organization, plus an
IAM user without policies) and its members join by invitation; moto starts
empty, its users are created through IAM and its members through
CreateAccount, reached with OrganizationAccountAccessRole.

    python3 moto_compare.py                 # print the table
    python3 moto_compare.py --write-readme  # also write it into README.md
    python3 moto_compare.py --check         # exit 1 if awsaccess got a row wrong

Both servers are always stopped. awsaccess's Inspector takes a minute of
real time to go from ENABLING to ENABLED, so a run takes about 80 seconds.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

from awsaccess_server import CLIENT_CONFIG, ROOT, Server, free_port, wait_http  # noqa: E402

README = os.path.join(ROOT, "README.md")
SECTION = "## awsaccess and moto side by side"
REPEAT = 20  # calls per rate measurement for repeatable calls

DENY_SIM = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "inspector2:List*", "Resource": "*"},
    {"Effect": "Deny", "Action": "inspector2:ListFilters", "Resource": "*"}]})
SCP = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "Action": "inspector2:CreateFilter", "Resource": "*"}]})
DEV_CRITERIA = {"resourceTags": [{"comparison": "EQUALS", "key": "env", "value": "dev"}]}


class Backend:
    """A server and the credentials of the story's principals on it."""

    name = ""
    wait_enabled = False

    def __init__(self):
        self.creds = {}  # who -> (akid, secret, token)
        self.mgmt = self.security = self.member = None

    def client(self, service, who, region="us-east-1", secret=None):
        akid, sk, token = self.creds[who]
        return boto3.session.Session(
            aws_access_key_id=akid, aws_secret_access_key=secret or sk, aws_session_token=token, region_name=region,
        ).client(service, endpoint_url=self.url, config=CLIENT_CONFIG)


class AwsAccess(Backend):
    name = "awsaccess"
    wait_enabled = True

    def start(self):
        with open(os.path.join(ROOT, "world.json")) as f:
            world = json.load(f)
        world.pop("organization")
        world["accounts"][0]["users"].append({"name": "nobody", "accessKey": True})
        self.world_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(world, self.world_file)
        self.world_file.close()
        self.srv = Server("-world", self.world_file.name)
        self.url = self.srv.url
        self.mgmt, self.security, self.member = "111111111111", "222222222222", "333333333333"
        for who, key in [("admin", "111111111111/admin"), ("nobody", "111111111111/nobody"),
                         ("secadmin", "222222222222/secadmin"), ("dev", "333333333333/dev"),
                         ("security-root", "222222222222/"), ("member-root", "333333333333/")]:
            self.creds[who] = self.srv.keys[key] + (None,)

    def join_members(self, org):
        """Members join by invitation, accepted by their root users."""
        for account, root in [(self.security, "security-root"), (self.member, "member-root")]:
            hs = org.invite_account_to_organization(Target={"Id": account, "Type": "ACCOUNT"})["Handshake"]
            self.client("organizations", root).accept_handshake(HandshakeId=hs["Id"])

    def stop(self):
        if getattr(self, "srv", None):
            self.srv.stop()
        if getattr(self, "world_file", None):
            os.unlink(self.world_file.name)


class Moto(Backend):
    name = "moto"

    def start(self):
        self.log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)
        port = free_port()
        self.url = "http://127.0.0.1:%d" % port
        env = dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true")
        self.proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                                     stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
        # Werkzeug says "Running on URL" once the port is its own.
        deadline = time.monotonic() + 60
        while "Running on " + self.url not in open(self.log.name).read():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("moto did not start: " + open(self.log.name).read()[-500:])
            time.sleep(0.1)
        wait_http(self.url, self.proc, timeout=60)
        self.mgmt = "123456789012"  # moto's default account
        self.creds["bootstrap"] = ("AKIAIOSFODNN7EXAMPLE", "bootstrap-secret", None)
        iam = self.client("iam", "bootstrap")
        for user, policy in [("admin", "arn:aws:iam::aws:policy/AdministratorAccess"), ("nobody", None)]:
            iam.create_user(UserName=user)
            if policy:
                iam.attach_user_policy(UserName=user, PolicyArn=policy)
            k = iam.create_access_key(UserName=user)["AccessKey"]
            self.creds[user] = (k["AccessKeyId"], k["SecretAccessKey"], None)

    def join_members(self, org):
        """Members are created (moto completes CreateAccount at once) and
        reached through OrganizationAccountAccessRole; each gets its user."""
        sts = self.client("sts", "admin")
        for attr, name, user in [("security", "security", "secadmin"), ("member", "workloads", "dev")]:
            st = org.create_account(AccountName=name, Email=name + "@example.com")["CreateAccountStatus"]
            account = st.get("AccountId") or org.describe_create_account_status(
                CreateAccountRequestId=st["Id"])["CreateAccountStatus"]["AccountId"]
            setattr(self, attr, account)
            c = sts.assume_role(RoleArn="arn:aws:iam::%s:role/OrganizationAccountAccessRole" % account,
                                RoleSessionName="setup")["Credentials"]
            self.creds[attr + "-root"] = (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
            iam = self.client("iam", attr + "-root")
            iam.create_user(UserName=user)
            iam.attach_user_policy(UserName=user, PolicyArn="arn:aws:iam::aws:policy/AmazonInspector2FullAccess")
            k = iam.create_access_key(UserName=user)["AccessKey"]
            self.creds[user] = (k["AccessKeyId"], k["SecretAccessKey"], None)

    def stop(self):
        if getattr(self, "proc", None) and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()
            os.unlink(self.log.name)


class Wrong(Exception):
    pass


def expect(cond, why):
    if not cond:
        raise Wrong(why)


def fails_with(call, codes, text=None):
    """Runs call; right when it fails with one of codes (and text in the message)."""
    try:
        call()
    except ClientError as e:
        err = e.response["Error"]
        expect(err.get("Code") in codes, "failed with %s: %s" % (err.get("Code"), err.get("Message")))
        if text:
            expect(text in (err.get("Message") or ""), "message %r lacks %r" % (err.get("Message"), text))
        return err
    raise Wrong("allowed")


class Run:
    """Runs the rows against one backend and records each outcome."""

    def __init__(self, backend):
        self.b = backend
        self.results = {}  # row -> (right, note, calls per second)
        self.state = {}

    def row(self, key, call, judge, repeat=True):
        """call() returns what judge(out) checks; repeatable calls are timed
        REPEAT times with the same client."""
        t0 = time.perf_counter()
        note, right = "", False
        try:
            out = call()
            judge(out)
            right = True
        except Wrong as e:
            note = str(e)
        except ClientError as e:
            err = e.response.get("Error", {})
            note = "%s: %s" % (err.get("Code"), (err.get("Message") or "")[:120])
        except Exception as e:  # a broken answer is a wrong answer
            note = "%s: %s" % (type(e).__name__, str(e)[:120])
        elapsed = time.perf_counter() - t0
        n = 1
        if repeat and right:
            t0 = time.perf_counter()
            for _ in range(REPEAT):
                try:
                    call()
                except ClientError:
                    pass
            elapsed, n = time.perf_counter() - t0, REPEAT
        self.results[key] = (right, note.replace("\n", " ").replace("|", "/"), n / elapsed if elapsed > 0 else 0, n)

    def go(self):
        b = self.b
        admin = lambda svc, region="us-east-1": b.client(svc, "admin", region)
        org = admin("organizations")
        iam = admin("iam")

        self.row("sts GetCallerIdentity", admin("sts").get_caller_identity, lambda o: expect(
            o["Arn"] == "arn:aws:iam::%s:user/admin" % b.mgmt and o["Account"] == b.mgmt, "identity %s" % o["Arn"]))
        bad = b.client("sts", "admin", secret="not-the-secret")
        self.row("sts GetCallerIdentity, bad secret", lambda: fails_with(bad.get_caller_identity, ["SignatureDoesNotMatch"]),
                 lambda o: None)

        self.row("iam CreateUser", lambda: iam.create_user(UserName="carol")["User"], lambda u: expect(
            u["Arn"] == "arn:aws:iam::%s:user/carol" % b.mgmt and re.fullmatch(r"AIDA[A-Z2-7]{17}", u["UserId"]),
            "user %s id %s" % (u["Arn"], u["UserId"])), repeat=False)
        self.row("iam ListUsers", lambda: iam.list_users()["Users"], lambda us: expect(
            {"admin", "carol"} <= {u["UserName"] for u in us}, "users %s" % [u["UserName"] for u in us]))
        sim = lambda: iam.simulate_custom_policy(PolicyInputList=[DENY_SIM], ActionNames=[
            "inspector2:ListFindings", "inspector2:ListFilters", "inspector2:CreateFilter"])["EvaluationResults"]
        self.row("iam SimulateCustomPolicy", sim, lambda rs: expect(
            {r["EvalActionName"]: r["EvalDecision"] for r in rs} == {"inspector2:ListFindings": "allowed",
                                                                     "inspector2:ListFilters": "explicitDeny",
                                                                     "inspector2:CreateFilter": "implicitDeny"},
            "decisions %s" % {r["EvalActionName"]: r["EvalDecision"] for r in rs}))
        nobody_iam = b.client("iam", "nobody")
        self.row("iam ListUsers, user without policies", lambda: fails_with(
            nobody_iam.list_users, ["AccessDenied"],
            "user/nobody is not authorized to perform: iam:ListUsers"), lambda o: None)

        self.row("organizations CreateOrganization", lambda: org.create_organization(FeatureSet="ALL")["Organization"],
                 lambda o: expect(o["FeatureSet"] == "ALL" and o["MasterAccountId"] == b.mgmt and re.fullmatch(r"o-[a-z0-9]{10,32}", o["Id"]),
                                  "organization %s" % o), repeat=False)
        b.join_members(org)
        self.row("organizations CreateAccount", lambda: org.create_account(AccountName="data", Email="data@example.com")["CreateAccountStatus"],
                 lambda s: expect(re.fullmatch(r"car-[a-z0-9]{8,32}", s["Id"]) and s["State"] in ("IN_PROGRESS", "SUCCEEDED"),
                                  "status %s" % s), repeat=False)
        self.row("organizations ListAccounts", lambda: org.list_accounts()["Accounts"], lambda accts: expect(
            {b.mgmt, b.security, b.member} <= {a["Id"] for a in accts} and all(a["Status"] == "ACTIVE" for a in accts),
            "accounts %s" % [(a["Id"], a["Status"]) for a in accts]))
        nobody_org, dev_org = b.client("organizations", "nobody"), b.client("organizations", "dev")
        self.row("organizations ListAccounts, user without policies", lambda: fails_with(
            nobody_org.list_accounts, ["AccessDeniedException"],
            "user/nobody is not authorized to perform: organizations:ListAccounts"), lambda o: None)
        self.row("organizations ListAccounts, member account", lambda: fails_with(
            dev_org.list_accounts, ["AccessDeniedException"]), lambda o: None)
        self.row("organizations RegisterDelegatedAdministrator, management account", lambda: fails_with(
            lambda: org.register_delegated_administrator(AccountId=b.mgmt, ServicePrincipal="inspector2.amazonaws.com"),
            ["ConstraintViolationException"]), lambda o: None, repeat=False)
        self.row("organizations EnableAWSServiceAccess", lambda: org.enable_aws_service_access(
            ServicePrincipal="inspector2.amazonaws.com"), lambda o: None, repeat=False)
        self.row("organizations RegisterDelegatedAdministrator", lambda: org.register_delegated_administrator(
            AccountId=b.security, ServicePrincipal="inspector2.amazonaws.com"), lambda o: None, repeat=False)
        self.row("organizations ListDelegatedAdministrators", lambda: org.list_delegated_administrators(
            ServicePrincipal="inspector2.amazonaws.com")["DelegatedAdministrators"],
            lambda admins: expect([a["Id"] for a in admins] == [b.security], "administrators %s" % [a["Id"] for a in admins]))

        insp_admin = admin("inspector2")
        self.row("inspector2 EnableDelegatedAdminAccount", lambda: insp_admin.enable_delegated_admin_account(
            delegatedAdminAccountId=b.security), lambda o: expect(o["delegatedAdminAccountId"] == b.security, "answer %s" % o), repeat=False)
        dev = b.client("inspector2", "dev")
        self.row("inspector2 GetDelegatedAdminAccount, member", dev.get_delegated_admin_account,
                 lambda o: expect(o.get("delegatedAdmin", {}).get("accountId") == b.security, "answer %s" % o.get("delegatedAdmin")))
        sec = b.client("inspector2", "secadmin")
        self.row("inspector2 Enable", lambda: sec.enable(resourceTypes=["EC2", "ECR", "LAMBDA"]), lambda o: expect(
            [a["accountId"] for a in o["accounts"]] == [b.security] and not o.get("failedAccounts"), "answer %s" % o), repeat=False)
        self.row("inspector2 AssociateMember", lambda: sec.associate_member(accountId=b.member),
                 lambda o: expect(o["accountId"] == b.member, "answer %s" % o), repeat=False)
        self.row("inspector2 Enable, for a member", lambda: sec.enable(accountIds=[b.member], resourceTypes=["EC2", "ECR", "LAMBDA"]),
                 lambda o: expect([a["accountId"] for a in o["accounts"]] == [b.member] and not o.get("failedAccounts"),
                                  "answer %s" % o), repeat=False)
        self.row("inspector2 ListMembers", lambda: sec.list_members()["members"], lambda ms: expect(
            b.member in [m["accountId"] for m in ms], "members %s" % [m["accountId"] for m in ms]))
        if b.wait_enabled:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                st = sec.batch_get_account_status(accountIds=[b.member])["accounts"]
                if st and st[0]["state"]["status"] == "ENABLED":
                    break
                time.sleep(2)

        def list_findings(status=None):
            kw = {"filterCriteria": {"findingStatus": [{"comparison": "EQUALS", "value": status}]}} if status else {}
            out = []
            for page in sec.get_paginator("list_findings").paginate(**kw):
                out.extend(page["findings"])
            return out

        def judge_findings(fs):
            expect(fs, "no findings for the member's vulnerable instances")
            expect(all(f["awsAccountId"] == b.member and f["findingArn"].startswith("arn:aws:inspector2:us-east-1:%s:finding/" % b.member)
                       and f["severity"] in ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED") for f in fs),
                   "finding shapes")
            self.state["findings"] = fs
        self.row("inspector2 ListFindings", list_findings, judge_findings)

        def judge_agg(out):
            rows = {r["accountAggregation"]["accountId"]: r["accountAggregation"]["severityCounts"]["all"] for r in out["responses"]}
            listed = {}
            for f in self.state.get("findings", []):
                if f["status"] == "ACTIVE":
                    listed[f["awsAccountId"]] = listed.get(f["awsAccountId"], 0) + 1
            expect(rows and rows == listed, "aggregation %s, ListFindings %s" % (rows, listed))
        self.row("inspector2 ListFindingAggregations", lambda: sec.list_finding_aggregations(aggregationType="ACCOUNT"), judge_agg)

        self.row("inspector2 CreateFilter", lambda: sec.create_filter(name="accept-dev", action="SUPPRESS", filterCriteria=DEV_CRITERIA),
                 lambda o: expect(re.fullmatch(r"arn:aws:inspector2:us-east-1:%s:owner/[^/]+/filter/[a-z0-9]+" % b.security, o["arn"]),
                                  "arn %s" % o["arn"]), repeat=False)

        def judge_suppressed(active):
            dev = {f["findingArn"] for f in self.state.get("findings", []) if f["resources"][0].get("tags", {}).get("env") == "dev"}
            expect(dev, "no findings on dev instances to suppress")
            expect(not dev & {f["findingArn"] for f in active}, "suppressed findings still ACTIVE")
        self.row("inspector2 ListFindings ACTIVE, after a SUPPRESS rule", lambda: list_findings("ACTIVE"), judge_suppressed)
        self.row("inspector2 ListFilters", lambda: sec.list_filters()["filters"], lambda fs: expect(
            [(f["name"], f["action"]) for f in fs] == [("accept-dev", "SUPPRESS")], "filters %s" % [(f["name"], f["action"]) for f in fs]))
        self.row("inspector2 CreateFilter SUPPRESS, member", lambda: fails_with(
            lambda: dev.create_filter(name="hide-mine", action="SUPPRESS", filterCriteria=DEV_CRITERIA), ["AccessDeniedException"]),
            lambda o: None, repeat=False)

        # An SCP denying inspector2:CreateFilter, attached to the member.
        def attach_scp():
            root = org.list_roots()["Roots"][0]
            if not any(p["Type"] == "SERVICE_CONTROL_POLICY" and p["Status"] == "ENABLED" for p in root.get("PolicyTypes", [])):
                org.enable_policy_type(RootId=root["Id"], PolicyType="SERVICE_CONTROL_POLICY")
            pol = org.create_policy(Name="no-filters", Description="members keep every finding", Type="SERVICE_CONTROL_POLICY", Content=SCP)
            org.attach_policy(PolicyId=pol["Policy"]["PolicySummary"]["Id"], TargetId=b.member)
        self.row("organizations CreatePolicy and AttachPolicy (SCP)", attach_scp, lambda o: None, repeat=False)
        self.row("inspector2 CreateFilter NONE, member under the SCP", lambda: fails_with(
            lambda: dev.create_filter(name="mine", action="NONE", filterCriteria=DEV_CRITERIA), ["AccessDeniedException"],
            "explicit deny in a service control policy"), lambda o: None, repeat=False)
        return self.results


# What "right" means for each row, in order.
ROWS = [
    ("sts GetCallerIdentity", "the caller's user ARN and account"),
    ("sts GetCallerIdentity, bad secret", "SignatureDoesNotMatch"),
    ("iam CreateUser", "ARN arn:aws:iam::ACCOUNT:user/NAME, id AIDA + 17 characters"),
    ("iam ListUsers", "lists the users"),
    ("iam SimulateCustomPolicy", "allowed / explicitDeny / implicitDeny as the policy says"),
    ("iam ListUsers, user without policies", "AccessDenied naming the user and iam:ListUsers"),
    ("organizations CreateOrganization", "FeatureSet ALL, the caller's account as management, id o-…"),
    ("organizations CreateAccount", "a request car-… IN_PROGRESS (or SUCCEEDED)"),
    ("organizations ListAccounts", "the management account and the members, ACTIVE"),
    ("organizations ListAccounts, user without policies", "AccessDeniedException naming the user and the action"),
    ("organizations ListAccounts, member account", "AccessDeniedException"),
    ("organizations RegisterDelegatedAdministrator, management account", "ConstraintViolationException"),
    ("organizations EnableAWSServiceAccess", "succeeds for inspector2.amazonaws.com"),
    ("organizations RegisterDelegatedAdministrator", "succeeds for the security account"),
    ("organizations ListDelegatedAdministrators", "exactly the security account"),
    ("inspector2 EnableDelegatedAdminAccount", "echoes the security account"),
    ("inspector2 GetDelegatedAdminAccount, member", "the security account"),
    ("inspector2 Enable", "the administrator's own account, no failures"),
    ("inspector2 AssociateMember", "echoes the member"),
    ("inspector2 Enable, for a member", "the member, no failures"),
    ("inspector2 ListMembers", "lists the member"),
    ("inspector2 ListFindings", "findings present for the member's vulnerable resources, AWS-shaped"),
    ("inspector2 ListFindingAggregations", "ACCOUNT counts equal ListFindings' ACTIVE counts"),
    ("inspector2 CreateFilter", "a filter ARN arn:aws:inspector2:REGION:ACCOUNT:owner/…/filter/…"),
    ("inspector2 ListFindings ACTIVE, after a SUPPRESS rule", "the matching findings are no longer ACTIVE"),
    ("inspector2 ListFilters", "the rule, with action SUPPRESS"),
    ("inspector2 CreateFilter SUPPRESS, member", "AccessDeniedException: only the delegated administrator suppresses"),
    ("organizations CreatePolicy and AttachPolicy (SCP)", "succeed"),
    ("inspector2 CreateFilter NONE, member under the SCP", "AccessDeniedException: explicit deny in a service control policy"),
]


def table(results):
    names = [n for n in ("moto", "awsaccess") if n in results]
    lines = [
        "| call (boto3) | right means | " + " | ".join("%s | calls/s" % n for n in names) + " |",
        "| --- | --- | " + " | ".join("--- | ---:" for _ in names) + " |",
    ]
    for key, means in ROWS:
        cells = []
        for n in names:
            right, note, rate, calls = results[n].get(key, (False, "not reached", 0, 0))
            cells.append("yes" if right else "no: " + shorten(note))
            cells.append("%.0f" % rate if calls > 1 else "(1 call)" if calls else "")
        lines.append("| %s | %s | %s |" % (key, means, " | ".join(cells)))
    totals = ["**%d of %d** | " % (sum(1 for k, _ in ROWS if results[n].get(k, (False,))[0]), len(ROWS)) for n in names]
    lines.append("| **right** | | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def shorten(note, limit=70):
    note = note.strip()
    return note if len(note) <= limit else note[:limit - 1] + "…"


def section(results, versions):
    return "\n".join([
        SECTION,
        "",
        "`interop/py/moto_compare.py` makes the same boto3 calls, with the same client code, against",
        "moto's server and against `awsaccess serve`, and records per call whether each got it right (by",
        "the documented AWS result shape and behaviour: the column \"right means\") and the calls per",
        "second the same client made (%d calls of each repeatable call that got it right; local servers, one" % REPEAT,
        "client, no concurrency). Only the setup differs: moto starts empty (users through IAM, members",
        "through CreateAccount, reached through OrganizationAccountAccessRole), awsaccess from the default",
        "world without its organization (members join by invitation). moto runs as most tests run it,",
        "without IAM enforcement; awsaccess's Inspector waits a minute of real time from ENABLING to",
        "ENABLED before it lists findings. Generated by `python3 interop/py/moto_compare.py --write-readme`",
        "(%s)." % versions,
        "",
        table(results),
        "",
    ])


def write_readme(text):
    """Replaces the section in README.md (up to the next "## " heading), or
    appends it."""
    with open(README) as f:
        content = f.read()
    start = content.find("\n" + SECTION + "\n")
    if start < 0:
        content = content.rstrip("\n") + "\n\n" + text
    else:
        end = content.find("\n## ", start + 1 + len(SECTION))
        rest = content[end + 1:] if end >= 0 else ""
        content = content[:start + 1] + text + ("\n" + rest if rest else "")
    with open(README, "w") as f:
        f.write(content)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write-readme", action="store_true", help="write the table into README.md's section")
    ap.add_argument("--check", action="store_true", help="exit 1 when awsaccess got a row wrong")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    import botocore
    import moto
    versions = "moto %s, boto3 %s, botocore %s" % (moto.__version__, boto3.__version__, botocore.__version__)
    results = {}
    for cls in (Moto, AwsAccess):
        b = cls()
        run = Run(b)
        try:
            b.start()
            run.go()
        except Exception as e:
            # A setup step failed: the rows not reached count as wrong.
            print("%s: stopped early: %s: %s" % (b.name, type(e).__name__, e), file=sys.stderr)
        finally:
            b.stop()
        results[b.name] = run.results
    text = section(results, versions)
    print(text)
    if args.write_readme:
        write_readme(text)
        print("wrote %s" % README)
    if args.check:
        wrong = [k for k, _ in ROWS if not results["awsaccess"].get(k, (False,))[0]]
        if wrong:
            print("awsaccess got %d rows wrong: %s" % (len(wrong), "; ".join(wrong)), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
