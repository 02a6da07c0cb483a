#!/usr/bin/env python3
"""Regenerate testdata/golden/*/request.http and params.json with botocore.

Each case is an API call made through a real botocore client; a before-send
hook captures the signed request exactly as botocore would put it on the wire
and stops the call. params.json holds the parameters given to botocore
(timestamps as ISO 8601 strings) so that the Go test can check that
wire.Decode gives them back.

Run from internal/wire:  python3 testdata/gen_requests.py
"""

import datetime
import json
import os
import sys
from unittest import mock

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_NOW = datetime.datetime(2026, 11, 23, 12, 0, 0)

CASES = [
    ("iam-create-user", "iam", "CreateUser", {
        "Path": "/engineering/",
        "UserName": "alice",
        "PermissionsBoundary": "arn:aws:iam::111122223333:policy/Boundary",
        "Tags": [
            {"Key": "team", "Value": "platform"},
            {"Key": "cost-center", "Value": "42+more = yes"},
        ],
    }),
    ("iam-list-users", "iam", "ListUsers", {
        "PathPrefix": "/engineering/",
        "MaxItems": 2,
    }),
    ("iam-put-user-policy", "iam", "PutUserPolicy", {
        "UserName": "alice",
        "PolicyName": "s3-read",
        "PolicyDocument": json.dumps({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::bucket/*"}],
        }),
    }),
    ("sts-assume-role", "sts", "AssumeRole", {
        "RoleArn": "arn:aws:iam::111122223333:role/Deploy",
        "RoleSessionName": "ci-run-7",
        "PolicyArns": [
            {"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
            {"arn": "arn:aws:iam::111122223333:policy/Extra"},
        ],
        "DurationSeconds": 3600,
        "Tags": [
            {"Key": "project", "Value": "atlas"},
            {"Key": "env", "Value": "prod"},
        ],
        "TransitiveTagKeys": ["project"],
        "ExternalId": "ext-123",
    }),
    ("sts-get-caller-identity", "sts", "GetCallerIdentity", {}),
    ("sts-assume-role-with-web-identity", "sts", "AssumeRoleWithWebIdentity", {
        "RoleArn": "arn:aws:iam::111122223333:role/Web",
        "RoleSessionName": "app",
        "WebIdentityToken": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln",
    }),
    ("organizations-register-delegated-administrator", "organizations",
     "RegisterDelegatedAdministrator", {
        "AccountId": "444455556666",
        "ServicePrincipal": "inspector2.amazonaws.com",
    }),
    ("organizations-describe-organization", "organizations", "DescribeOrganization", {}),
    ("inspector2-list-findings", "inspector2", "ListFindings", {
        "maxResults": 50,
        "filterCriteria": {
            "awsAccountId": [{"comparison": "EQUALS", "value": "444455556666"}],
            "severity": [
                {"comparison": "EQUALS", "value": "CRITICAL"},
                {"comparison": "EQUALS", "value": "HIGH"},
            ],
            "findingStatus": [{"comparison": "NOT_EQUALS", "value": "CLOSED"}],
            "firstObservedAt": [{
                "startInclusive": datetime.datetime(2026, 11, 1, 0, 0, 0),
                "endInclusive": datetime.datetime(2026, 11, 23, 12, 30, 0),
            }],
            "inspectorScore": [{"lowerInclusive": 7.5, "upperInclusive": 10.0}],
            "resourceTags": [{"comparison": "EQUALS", "key": "env", "value": "prod"}],
            "portRange": [{"beginInclusive": 22, "endInclusive": 443}],
            "vulnerablePackages": [{
                "name": {"comparison": "EQUALS", "value": "openssl"},
                "epoch": {"lowerInclusive": 0.0, "upperInclusive": 1.0},
            }],
        },
        "sortCriteria": {"field": "SEVERITY", "sortOrder": "DESC"},
    }),
    ("inspector2-create-filter", "inspector2", "CreateFilter", {
        "action": "SUPPRESS",
        "name": "suppress-dev-lows",
        "description": "Low findings in dev accounts",
        "filterCriteria": {
            "severity": [{"comparison": "EQUALS", "value": "LOW"}],
            "resourceTags": [{"comparison": "EQUALS", "key": "env", "value": "dev"}],
        },
        "reason": "accepted risk",
        "tags": {"owner": "secops", "ticket": "SEC-1"},
    }),
    ("inspector2-list-tags-for-resource", "inspector2", "ListTagsForResource", {
        "resourceArn": "arn:aws:inspector2:us-east-1:111122223333:owner/111122223333/filter/f-1",
    }),
    ("inspector2-untag-resource", "inspector2", "UntagResource", {
        "resourceArn": "arn:aws:inspector2:us-east-1:111122223333:owner/111122223333/filter/f-1",
        "tagKeys": ["owner", "ticket"],
    }),
    ("inspector2-get-encryption-key", "inspector2", "GetEncryptionKey", {
        "scanType": "CODE",
        "resourceType": "AWS_LAMBDA_FUNCTION",
    }),
    ("inspector-create-assessment-target", "inspector", "CreateAssessmentTarget", {
        "assessmentTargetName": "web-fleet",
        "resourceGroupArn": "arn:aws:inspector:us-east-1:111122223333:resourcegroup/0-AB6DMKnv",
    }),
]


class Captured(Exception):
    def __init__(self, request):
        super().__init__("captured")
        self.request = request


def capture(request, **kwargs):
    raise Captured(request)


def jsonable(v):
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    return v


def raw_http(req):
    from urllib.parse import urlsplit
    u = urlsplit(req.url)
    target = u.path or "/"
    if u.query:
        target += "?" + u.query
    lines = [f"{req.method} {target} HTTP/1.1", f"Host: {u.netloc}"]
    for k in sorted(req.headers.keys(), key=str.lower):
        v = req.headers[k]
        if isinstance(v, bytes):
            v = v.decode()
        # Unsigned headers that vary between runs and machines.
        if k.lower() == "amz-sdk-invocation-id":
            v = "00000000-0000-4000-8000-000000000000"
        elif k.lower() == "user-agent":
            v = "Botocore/" + botocore.__version__
        lines.append(f"{k}: {v}")
    body = req.body or b""
    if isinstance(body, str):
        body = body.encode()
    if body and "Content-Length" not in req.headers:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def main():
    session = botocore.session.get_session()
    out = os.path.join(HERE, "golden")
    with mock.patch("botocore.auth.get_current_datetime", return_value=FIXED_NOW):
        for name, service, op, params in CASES:
            client = session.create_client(
                service, region_name="us-east-1",
                aws_access_key_id="AKIDEXAMPLE",
                aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
            client.meta.events.register("before-send", capture)
            method = client.meta.method_to_api_mapping
            py = {v: k for k, v in method.items()}[op]
            try:
                getattr(client, py)(**params)
            except Captured as c:
                req = c.request
            else:
                sys.exit(f"{name}: request was not captured")
            d = os.path.join(out, name)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "request.http"), "wb") as f:
                f.write(raw_http(req))
            with open(os.path.join(d, "params.json"), "w") as f:
                json.dump({"service": service, "operation": op, "params": jsonable(params)},
                          f, indent=2, sort_keys=True)
                f.write("\n")
            print("wrote", name)


if __name__ == "__main__":
    main()
