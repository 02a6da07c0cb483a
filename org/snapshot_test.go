package org_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/seed-e2e06c4d/awsaccess/org"
)

// env is one Organization under test with its clock and what a client
// remembers between calls (ids, a NextToken).
type env struct {
	o     *org.Organization
	clock *clock
	iam   *iam
	vars  map[string]string
}

// newEnv builds an Organization from the config every instance of a
// replay shares: the same seed, a clock, an IAM that allows the role
// "ops" of the management account to do anything in Organizations.
func newEnv() *env {
	e := &env{clock: newClock(), iam: newIAM(), vars: map[string]string{}}
	e.o = org.New(org.Config{Now: e.clock.Now, Rand: bytes.NewReader(bytes.Repeat([]byte{7}, 32)), Authorizer: e.iam,
		Identities: newIdentities(), MaxAccounts: 50})
	e.iam.o = e.o
	e.iam.allow(role(mgmtID, "ops").ARN, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:*","Resource":"*","Condition":{"StringNotEquals":{"aws:ResourceTag/locked":"yes"}}}]}`)
	return e
}

// restoreInto builds a second instance from e's snapshot: its clock at
// e's time and the client's memory copied.
func (e *env) restoreInto(t testing.TB) *env {
	t.Helper()
	data, err := e.o.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	f := newEnv()
	f.clock.t = e.clock.Now()
	f.vars = maps.Clone(e.vars)
	if err := f.o.Restore(data); err != nil {
		t.Fatalf("Restore: %v\n%s", err, data)
	}
	return f
}

// result renders an operation's output and error for comparison.
func result(out any, err error) string {
	b, _ := json.Marshal(out)
	return string(b) + " " + code(err)
}

type step struct {
	name string
	run  func(e *env) string
}

var mgmtRoot, opsRole = root(mgmtID), role(mgmtID, "ops")

func rootID(e *env) string {
	r, _ := e.o.ListRoots(mgmtRoot, org.ListRootsInput{})
	if len(r.Roots) == 0 {
		return "r-none"
	}
	return r.Roots[0].Id
}

// richScript builds every kind of entity the package has: standalone,
// invited, created, closing, suspended and delegated accounts; nested and
// tagged OUs; SCPs and RCPs enabled and attached; trusted access;
// account creations done, failed and in progress; handshakes open,
// accepted, declined and canceled, some of a deleted organization.
func richScript() []step {
	s := []step{
		{"standalone", func(e *env) string {
			var out []string
			for i, id := range []string{mgmtID, memberID, member2ID, outsiderID, "555555555555", "666666666666", "777777777777", "888888888888"} {
				out = append(out, code(e.o.AddStandaloneAccount(id, fmt.Sprintf("a%d@example.com", i), fmt.Sprint("Account ", i))))
			}
			return strings.Join(out, ",")
		}},
		{"CreateOrganization", func(e *env) string { return result(e.o.CreateOrganization(mgmtRoot, org.CreateOrganizationInput{})) }},
	}
	for _, id := range []string{memberID, member2ID} {
		s = append(s, step{"invite and accept " + id, func(e *env) string {
			h, err := e.o.InviteAccountToOrganization(opsRole, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: id, Type: org.HandshakePartyTypeAccount}, Tags: tagsOf("via", "invite")})
			if err != nil {
				return code(err)
			}
			return result(e.o.AcceptHandshake(root(id), org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id}))
		}})
	}
	s = append(s, []step{
		{"enable types", func(e *env) string {
			r := rootID(e)
			a, err := e.o.EnablePolicyType(opsRole, org.EnablePolicyTypeInput{RootId: r, PolicyType: org.PolicyTypeServiceControlPolicy})
			b, err2 := e.o.EnablePolicyType(opsRole, org.EnablePolicyTypeInput{RootId: r, PolicyType: org.PolicyTypeResourceControlPolicy})
			return result(a, err) + result(b, err2)
		}},
		{"OUs", func(e *env) string {
			a, err := e.o.CreateOrganizationalUnit(opsRole, org.CreateOrganizationalUnitInput{Name: "Prod", ParentId: rootID(e), Tags: tagsOf("env", "prod")})
			e.vars["ou1"] = a.OrganizationalUnit.Id
			b, err2 := e.o.CreateOrganizationalUnit(opsRole, org.CreateOrganizationalUnitInput{Name: "Web", ParentId: a.OrganizationalUnit.Id})
			e.vars["ou2"] = b.OrganizationalUnit.Id
			return result(a, err) + result(b, err2)
		}},
		{"policies", func(e *env) string {
			a, err := e.o.CreatePolicy(opsRole, org.CreatePolicyInput{Name: "deny-s3", Type: org.PolicyTypeServiceControlPolicy, Tags: tagsOf("owner", "sec"),
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`})
			e.vars["scp"] = a.Policy.PolicySummary.Id
			b, err2 := e.o.CreatePolicy(opsRole, org.CreatePolicyInput{Name: "rcp", Type: org.PolicyTypeResourceControlPolicy, Description: "d",
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`})
			e.vars["rcp"] = b.Policy.PolicySummary.Id
			return result(a, err) + result(b, err2) +
				code(e.o.AttachPolicy(opsRole, org.AttachPolicyInput{PolicyId: e.vars["scp"], TargetId: e.vars["ou1"]})) +
				code(e.o.AttachPolicy(opsRole, org.AttachPolicyInput{PolicyId: e.vars["rcp"], TargetId: memberID}))
		}},
		{"move and tag", func(e *env) string {
			return code(e.o.MoveAccount(opsRole, org.MoveAccountInput{AccountId: memberID, SourceParentId: rootID(e), DestinationParentId: e.vars["ou2"]})) +
				code(e.o.TagResource(opsRole, org.TagResourceInput{ResourceId: rootID(e), Tags: tagsOf("top", "")})) +
				code(e.o.TagResource(opsRole, org.TagResourceInput{ResourceId: member2ID, Tags: tagsOf("locked", "yes")}))
		}},
		{"delegate", func(e *env) string {
			return code(e.o.EnableAWSServiceAccess(opsRole, "inspector2.amazonaws.com")) +
				code(e.o.EnableAWSServiceAccess(opsRole, "config.amazonaws.com")) +
				code(e.o.RegisterDelegatedAdministrator(mgmtRoot, member2ID, "inspector2.amazonaws.com"))
		}},
		{"create accounts", func(e *env) string {
			a, err := e.o.CreateAccount(opsRole, org.CreateAccountInput{AccountName: "Dev", Email: "dev@example.com", Tags: tagsOf("k", "v")})
			b, err2 := e.o.CreateAccount(opsRole, org.CreateAccountInput{AccountName: "Dup", Email: "A1@example.com"})
			return result(a, err) + result(b, err2)
		}},
		{"advance", func(e *env) string { e.clock.Advance(org.CreateAccountDelay); return "" }},
		{"list creations", func(e *env) string {
			l, err := e.o.ListCreateAccountStatus(opsRole, org.ListCreateAccountStatusInput{})
			for _, st := range l.CreateAccountStatuses {
				if st.AccountId != "" {
					e.vars["created"] = st.AccountId
				}
			}
			return result(l, err)
		}},
		{"close and suspend", func(e *env) string {
			return code(e.o.CloseAccount(opsRole, org.CloseAccountInput{AccountId: e.vars["created"]})) + code(e.o.SuspendAccount("666666666666"))
		}},
		{"creation in progress", func(e *env) string {
			return result(e.o.CreateAccount(opsRole, org.CreateAccountInput{AccountName: "Later", Email: "later@example.com"}))
		}},
		{"handshakes", func(e *env) string {
			a, err := e.o.InviteAccountToOrganization(opsRole, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: "a3@example.com", Type: org.HandshakePartyTypeEmail}, Notes: "hi"})
			b, err2 := e.o.InviteAccountToOrganization(opsRole, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: "555555555555", Type: org.HandshakePartyTypeAccount}})
			c, err3 := e.o.DeclineHandshake(root("555555555555"), org.DeclineHandshakeInput{HandshakeId: b.Handshake.Id})
			return result(a, err) + result(b, err2) + result(c, err3)
		}},
		{"deleted organization", func(e *env) string {
			other := root("777777777777")
			a, err := e.o.CreateOrganization(other, org.CreateOrganizationInput{FeatureSet: org.OrganizationFeatureSetConsolidatedBilling})
			b, err2 := e.o.InviteAccountToOrganization(other, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: "888888888888", Type: org.HandshakePartyTypeAccount}})
			return result(a, err) + result(b, err2) + code(e.o.DeleteOrganization(other))
		}},
		{"page 1", func(e *env) string {
			l, err := e.o.ListAccounts(opsRole, org.ListAccountsInput{MaxResults: 2})
			e.vars["token"] = l.NextToken
			return result(l, err)
		}},
	}...)
	return s
}

// afterScript continues richScript: it uses a NextToken from before,
// draws new ids, completes the creation in progress, and fails in ways
// that depend on the state.
func afterScript() []step {
	return []step{
		{"page 2", func(e *env) string {
			return result(e.o.ListAccounts(opsRole, org.ListAccountsInput{MaxResults: 2, NextToken: e.vars["token"]}))
		}},
		{"new OU", func(e *env) string {
			return result(e.o.CreateOrganizationalUnit(opsRole, org.CreateOrganizationalUnitInput{Name: "New", ParentId: e.vars["ou2"]}))
		}},
		{"new policy", func(e *env) string {
			return result(e.o.CreatePolicy(opsRole, org.CreatePolicyInput{Name: "deny-ec2", Type: org.PolicyTypeServiceControlPolicy,
				Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}`}))
		}},
		{"new invitation", func(e *env) string {
			return result(e.o.InviteAccountToOrganization(opsRole, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: "888888888888", Type: org.HandshakePartyTypeAccount}}))
		}},
		{"tag locked", func(e *env) string {
			return code(e.o.TagResource(opsRole, org.TagResourceInput{ResourceId: member2ID, Tags: tagsOf("x", "y")}))
		}},
		{"advance", func(e *env) string { e.clock.Advance(org.CloseAccountDelay); return "" }},
		{"creations", func(e *env) string {
			return result(e.o.ListCreateAccountStatus(opsRole, org.ListCreateAccountStatusInput{}))
		}},
		{"accounts", func(e *env) string { return result(e.o.ListAccounts(opsRole, org.ListAccountsInput{})) }},
		{"handshakes", func(e *env) string {
			return result(e.o.ListHandshakesForOrganization(opsRole, org.ListHandshakesForOrganizationInput{}))
		}},
		{"deleted org's handshake", func(e *env) string {
			return result(e.o.ListHandshakesForAccount(root("888888888888"), org.ListHandshakesForAccountInput{}))
		}},
		{"delegated", func(e *env) string {
			return result(e.o.ListDelegatedAdministrators(opsRole, org.ListDelegatedAdministratorsInput{}))
		}},
		{"chain", func(e *env) string {
			chain, mgmt := e.o.SCPChain(memberID)
			return fmt.Sprint(len(chain), mgmt)
		}},
		{"remove too early", func(e *env) string {
			return code(e.o.RemoveAccountFromOrganization(opsRole, org.RemoveAccountFromOrganizationInput{AccountId: e.vars["created"]}))
		}},
		{"second creation", func(e *env) string {
			return result(e.o.CreateAccount(opsRole, org.CreateAccountInput{AccountName: "Again", Email: "again@example.com"}))
		}},
		{"advance more", func(e *env) string { e.clock.Advance(org.CreateAccountDelay); return "" }},
		{"accounts again", func(e *env) string { return result(e.o.ListAccounts(opsRole, org.ListAccountsInput{})) }},
	}
}

func runSteps(e *env, steps []step) []string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = s.name + ": " + s.run(e)
	}
	return out
}

func TestSnapshotRoundTrip(t *testing.T) {
	e := newEnv()
	for _, line := range runSteps(e, richScript()) {
		if strings.Contains(line, "Exception") && !strings.Contains(line, "create accounts") {
			t.Errorf("setup step failed: %s", line)
		}
	}
	data, err := e.o.Snapshot()
	must(t, err)
	f := e.restoreInto(t)
	again, err := f.o.Snapshot()
	must(t, err)
	if !bytes.Equal(data, again) {
		t.Errorf("Snapshot(Restore(Snapshot)) differs:\n%s", cmp.Diff(string(data), string(again)))
	}
	// Every kind of entity is in it.
	for _, want := range []string{`"closing":true`, `"state":"SUSPENDED"`, `"state":"PENDING_CLOSURE"`, `"state":"IN_PROGRESS"`, `"state":"FAILED"`,
		`"state":"SUCCEEDED"`, `"state":"DECLINED"`, `"state":"CANCELED"`, `"state":"OPEN"`, `"state":"ACCEPTED"`, `"delegatedAdministrators"`,
		`"services"`, `"attachments"`, `"enabledPolicyTypes"`, `"tags"`, `"parent":"ou-`, `"joinedMethod":"CREATED"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("snapshot lacks %s", want)
		}
	}
	var doc map[string]json.RawMessage
	must(t, json.Unmarshal(data, &doc))
	if !bytes.HasPrefix(data, []byte(`{"version":1,`)) {
		t.Errorf("snapshot does not begin with the version: %.40s", data)
	}
}

func TestSnapshotReplay(t *testing.T) {
	a := newEnv()
	runSteps(a, richScript())
	b := a.restoreInto(t)
	after := afterScript()
	got, want := runSteps(b, after), runSteps(a, after)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("after restore (-original +restored):\n%s", d)
	}
	// The script reached the states it is meant to test.
	joined := strings.Join(want, "\n")
	for _, s := range []string{`"Name":"New"`, `"Name":"deny-ec2"`, `"Id":"h-`, "tag locked: AccessDeniedException", "WAIT_PERIOD_ACTIVE", `"State":"PENDING_CLOSURE"`, `"Name":"Again"`} {
		if !strings.Contains(joined, s) {
			t.Errorf("the replay never shows %s:\n%s", s, joined)
		}
	}
	if strings.Contains(joined, "page 2: null") || strings.Contains(joined, "INVALID_NEXT_TOKEN") {
		t.Errorf("the NextToken from before the snapshot failed:\n%s", joined)
	}
}

// opGen draws one operation of the rapid property; its arguments are
// drawn up front and resolved against the instance it runs on.
func opGen() *rapid.Generator[step] {
	return rapid.Custom(func(t *rapid.T) step {
		n := rapid.IntRange(0, 1<<20).Draw(t, "n")
		name := rapid.SampledFrom([]string{"ou", "policy", "attach", "tag", "untag", "create", "advance", "invite", "accept", "close", "list", "toggle", "register", "leave"}).Draw(t, "op")
		return step{fmt.Sprint(name, n), func(e *env) string {
			r := rootID(e)
			ous, _ := e.o.ListOrganizationalUnitsForParent(opsRole, org.ListOrganizationalUnitsForParentInput{ParentId: r})
			parents := []string{r}
			for _, ou := range ous.OrganizationalUnits {
				parents = append(parents, ou.Id)
			}
			members := accountIDs(e.o.Members(e.vars["org"]))
			pick := func(xs []string) string {
				if len(xs) == 0 {
					return "000000000000"
				}
				return xs[n%len(xs)]
			}
			pols, _ := e.o.ListPolicies(opsRole, org.ListPoliciesInput{Filter: org.PolicyTypeServiceControlPolicy})
			var policyIDs []string
			for _, p := range pols.Policies {
				policyIDs = append(policyIDs, p.Id)
			}
			switch name {
			case "ou":
				return result(e.o.CreateOrganizationalUnit(opsRole, org.CreateOrganizationalUnitInput{Name: fmt.Sprint("ou", n%5), ParentId: pick(parents), Tags: tagsOf("n", fmt.Sprint(n%3))}))
			case "policy":
				return result(e.o.CreatePolicy(opsRole, org.CreatePolicyInput{Name: fmt.Sprint("p", n%7), Type: org.PolicyTypeServiceControlPolicy,
					Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Get*","Resource":"*"}]}`}))
			case "attach":
				return code(e.o.AttachPolicy(opsRole, org.AttachPolicyInput{PolicyId: pick(policyIDs), TargetId: pick(append(parents, members...))}))
			case "tag":
				return code(e.o.TagResource(opsRole, org.TagResourceInput{ResourceId: pick(append(parents, append(members, policyIDs...)...)), Tags: tagsOf(fmt.Sprint("k", n%4), "v", "locked", fmt.Sprint(n%5 == 0))}))
			case "untag":
				return code(e.o.UntagResource(opsRole, org.UntagResourceInput{ResourceId: pick(append(parents, members...)), TagKeys: []string{fmt.Sprint("k", n%4)}}))
			case "create":
				return result(e.o.CreateAccount(opsRole, org.CreateAccountInput{AccountName: "A", Email: fmt.Sprintf("c%d@example.com", n%6)}))
			case "advance":
				e.clock.Advance(time.Duration(n%(5*24*60)) * time.Minute)
				return ""
			case "invite":
				return result(e.o.InviteAccountToOrganization(opsRole, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: pick([]string{outsiderID, "555555555555"}), Type: org.HandshakePartyTypeAccount}}))
			case "accept":
				acct := pick([]string{outsiderID, "555555555555"})
				hs, err := e.o.ListHandshakesForAccount(root(acct), org.ListHandshakesForAccountInput{})
				if err != nil || len(hs.Handshakes) == 0 {
					return code(err)
				}
				return result(e.o.AcceptHandshake(root(acct), org.AcceptHandshakeInput{HandshakeId: hs.Handshakes[n%len(hs.Handshakes)].Id}))
			case "close":
				return code(e.o.CloseAccount(opsRole, org.CloseAccountInput{AccountId: pick(members)}))
			case "list":
				l, err := e.o.ListAccounts(opsRole, org.ListAccountsInput{MaxResults: 1, NextToken: e.vars["token"]})
				e.vars["token"] = l.NextToken
				return result(l, err)
			case "toggle":
				if n%2 == 0 {
					return result(e.o.EnablePolicyType(opsRole, org.EnablePolicyTypeInput{RootId: r, PolicyType: org.PolicyTypeServiceControlPolicy}))
				}
				return result(e.o.DisablePolicyType(opsRole, org.DisablePolicyTypeInput{RootId: r, PolicyType: org.PolicyTypeServiceControlPolicy}))
			case "register":
				return code(e.o.EnableAWSServiceAccess(opsRole, "inspector2.amazonaws.com")) + code(e.o.RegisterDelegatedAdministrator(opsRole, pick(members), "inspector2.amazonaws.com"))
			case "leave":
				return code(e.o.LeaveOrganization(root(pick(members))))
			}
			return ""
		}}
	})
}

// Property: split any sequence of calls anywhere; restoring the snapshot
// taken there and running the rest gives the same results as running it
// on the original.
func testSnapshotSplit(t *rapid.T) {
	ops := rapid.SliceOfN(opGen(), 1, 30).Draw(t, "ops")
	split := rapid.IntRange(0, len(ops)).Draw(t, "split")
	a := newEnv()
	setup := []step{richScript()[0], richScript()[1]}
	runSteps(a, setup)
	a.vars["org"] = orgOf(a)
	runSteps(a, ops[:split])
	b := a.restoreInto(rapidTB{t: t})
	got, want := runSteps(b, ops[split:]), runSteps(a, ops[split:])
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("after restore at %d (-original +restored):\n%s", split, d)
	}
	sa, err := a.o.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	sb, err := b.o.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sa, sb) {
		t.Fatalf("final snapshots differ:\n%s", cmp.Diff(string(sa), string(sb)))
	}
}

func orgOf(e *env) string {
	_, id, _ := e.o.ManagementAccount(mgmtID)
	return id
}

func TestSnapshotSplit(t *testing.T) { rapid.Check(t, testSnapshotSplit) }

func FuzzSnapshotSplit(f *testing.F) { f.Fuzz(rapid.MakeFuzz(testSnapshotSplit)) }

func TestRestoreRejects(t *testing.T) {
	e := newEnv()
	runSteps(e, richScript())
	good, err := e.o.Snapshot()
	must(t, err)
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		must(t, json.Unmarshal(good, &m))
		f(m)
		b, err := json.Marshal(m)
		must(t, err)
		return string(b)
	}
	first := func(m map[string]any, key string) map[string]any { return m[key].([]any)[0].(map[string]any) }
	cases := []struct{ name, data, want string }{
		{"not JSON", "{", "unexpected end"},
		{"no version", `{"seq":1}`, "version none"},
		{"version 2", strings.Replace(string(good), `"version":1`, `"version":2`, 1), "version 2, want 1"},
		{"unknown field", edit(func(m map[string]any) { m["extra"] = 1 }), "unknown field"},
		{"bad rand", edit(func(m map[string]any) { m["rand"] = "AAAA" }), "rand"},
		{"duplicate account", edit(func(m map[string]any) {
			as := m["accounts"].([]any)
			m["accounts"] = append([]any{as[0]}, as...)
		}), "duplicate accounts"},
		{"bad account id", edit(func(m map[string]any) { first(m, "accounts")["id"] = "12" }), "not an account id"},
		{"dangling management", edit(func(m map[string]any) { first(m, "organizations")["management"] = "999999999999" }), "management account 999999999999 is unknown"},
		{"dangling parent", edit(func(m map[string]any) {
			first(m, "organizations")["ous"].([]any)[0].(map[string]any)["parent"] = "ou-zzzz-zzzzzzzz"
		}), "unknown"},
		{"malformed policy", edit(func(m map[string]any) {
			first(m, "organizations")["policies"].([]any)[0].(map[string]any)["content"] = "{"
		}), "policy p-"},
		{"dangling attachment", edit(func(m map[string]any) {
			at := first(m, "organizations")["attachments"].([]any)
			at[len(at)-1].(map[string]any)["target"] = "zzz"
		}), "unknown target"},
		{"order number reused", edit(func(m map[string]any) { m["seq"] = 3 }), "above seq"},
		{"dangling request", edit(func(m map[string]any) { first(m, "createAccountRequests")["organization"] = "o-zzzzzzzzzz" }), "organization o-zzzzzzzzzz is unknown"},
		{"bad handshake state", edit(func(m map[string]any) { first(m, "handshakes")["state"] = "EXPIRED" }), "invalid value"},
		{"system tag", edit(func(m map[string]any) {
			first(m, "organizations")["root"].(map[string]any)["tags"] = []any{map[string]any{"Key": "aws:x", "Value": ""}}
		}), "tags of root"},
	}
	before, _ := e.o.Snapshot()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := e.o.Restore([]byte(c.data))
			if err == nil || !errors.Is(err, org.ErrInvalidSnapshot) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Restore: %v, want an ErrInvalidSnapshot naming %q", err, c.want)
			}
			after, _ := e.o.Snapshot()
			if !bytes.Equal(before, after) {
				t.Error("a refused Restore changed the state")
			}
		})
	}
}

func FuzzRestore(f *testing.F) {
	e := newEnv()
	f.Add([]byte(`{"version":1}`))
	for _, s := range richScript() {
		s.run(e)
		data, err := e.o.Snapshot()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		x := newEnv()
		if err := x.o.Restore(data); err != nil {
			return
		}
		again, err := x.o.Snapshot()
		if err != nil {
			t.Fatalf("Snapshot after a successful Restore: %v", err)
		}
		y := newEnv()
		if err := y.o.Restore(again); err != nil {
			t.Fatalf("a snapshot of a restored state does not restore: %v", err)
		}
		// The restored service answers calls.
		_, _ = x.o.ListAccounts(mgmtRoot, org.ListAccountsInput{})
		_, _ = x.o.CreateOrganizationalUnit(opsRole, org.CreateOrganizationalUnitInput{Name: "f", ParentId: rootID(x)})
		x.clock.Advance(100 * 24 * time.Hour)
		_, _ = x.o.ListHandshakesForAccount(root(outsiderID), org.ListHandshakesForAccountInput{})
	})
}

// benchOrg is an organization of realistic size: 200 accounts in 50 OUs,
// 100 SCPs attached around, tags on everything, 20 handshakes.
func benchOrg(b *testing.B) *org.Organization {
	b.Helper()
	clk := newClock()
	o := org.New(org.Config{Now: clk.Now, Rand: bytes.NewReader(make([]byte, 32)), MaxAccounts: 300})
	mgmt := root(mgmtID)
	must(b, o.AddStandaloneAccount(mgmtID, "mgmt@example.com", "Management"))
	_, err := o.CreateOrganization(mgmt, org.CreateOrganizationInput{})
	must(b, err)
	r, err := o.ListRoots(mgmt, org.ListRootsInput{})
	must(b, err)
	rid := r.Roots[0].Id
	_, err = o.EnablePolicyType(mgmt, org.EnablePolicyTypeInput{RootId: rid, PolicyType: org.PolicyTypeServiceControlPolicy})
	must(b, err)
	var ous []string
	for i := range 50 {
		parent := rid
		if i >= 10 {
			parent = ous[i%10]
		}
		ou, err := o.CreateOrganizationalUnit(mgmt, org.CreateOrganizationalUnitInput{Name: fmt.Sprint("ou", i), ParentId: parent, Tags: tagsOf("team", fmt.Sprint(i%7))})
		must(b, err)
		ous = append(ous, ou.OrganizationalUnit.Id)
	}
	for i := range 220 {
		id := fmt.Sprintf("%012d", 100000000000+i)
		must(b, o.AddStandaloneAccount(id, fmt.Sprintf("acct%d@example.com", i), fmt.Sprint("Account ", i)))
		h, err := o.InviteAccountToOrganization(mgmt, org.InviteAccountToOrganizationInput{Target: org.HandshakeParty{Id: id, Type: org.HandshakePartyTypeAccount}, Tags: tagsOf("cost", fmt.Sprint(i))})
		must(b, err)
		if i >= 200 {
			continue // left open
		}
		_, err = o.AcceptHandshake(root(id), org.AcceptHandshakeInput{HandshakeId: h.Handshake.Id})
		must(b, err)
		must(b, o.MoveAccount(mgmt, org.MoveAccountInput{AccountId: id, SourceParentId: rid, DestinationParentId: ous[i%len(ous)]}))
	}
	for i := range 100 {
		p, err := o.CreatePolicy(mgmt, org.CreatePolicyInput{Name: fmt.Sprint("p", i), Type: org.PolicyTypeServiceControlPolicy, Tags: tagsOf("n", fmt.Sprint(i)),
			Content: fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Get%d","Resource":"*"}]}`, i)})
		must(b, err)
		must(b, o.AttachPolicy(mgmt, org.AttachPolicyInput{PolicyId: p.Policy.PolicySummary.Id, TargetId: ous[i%len(ous)]}))
	}
	return o
}

func BenchmarkSnapshot(b *testing.B) {
	o := benchOrg(b)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		data, err := o.Snapshot()
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes/snapshot")
}

func BenchmarkRestore(b *testing.B) {
	data, err := benchOrg(b).Snapshot()
	must(b, err)
	o := org.New(org.Config{Rand: bytes.NewReader(make([]byte, 32)), MaxAccounts: 300})
	b.ReportAllocs()
	for b.Loop() {
		if err := o.Restore(data); err != nil {
			b.Fatal(err)
		}
	}
}
