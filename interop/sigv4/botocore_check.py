#!/usr/bin/env python3
"""Sign a fixed set of requests with botocore and print them as JSON.

Each case is signed with botocore's SigV4Auth, S3SigV4Auth, SigV4QueryAuth
or S3SigV4QueryAuth at a fixed time (botocore.auth.get_current_datetime is
patched). The Go test botocore_test.go verifies every request with the
awsaccess sigv4 Verifier and, where botocore and the SigV4 rules coincide,
compares botocore's signature with the one sigv4.Signer computes.

Exit status 3 means botocore is not installed (the Go test then skips).
"""

import base64
import datetime
import hashlib
import json
import random
import sys
from unittest import mock
from urllib.parse import quote

try:
    from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    import botocore
except ImportError as e:  # pragma: no cover
    print(f"botocore is not installed: {e}", file=sys.stderr)
    sys.exit(3)

AKID = "AKIABOTOCOREEXAMPLE1"
TEMP_AKID = "ASIABOTOCOREEXAMPLE1"
SECRET = "botocore/Secret+Key/Example0000000000000"
TOKEN = "IQoJb3JpZ2luX2VjEBOTOCORE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+/TOKEN=="

SEGMENT_CHARS = "abcXYZ019-_.~ ü€+=@!*'()$&,;:"
VALUE_WORDS = ["a", "b", "xyz", "1", "  ", " ", '"q  q"', ",", "=", "/", "text/plain"]
HEADER_NAMES = ["X-Amz-Meta-Color", "My-Header", "Content-Type", "X-Custom-Thing", "If-Match"]
SERVICES = ["sts", "iam", "dynamodb", "execute-api", "inspector2"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]


def encode(s):
    """UriEncode: everything but unreserved, upper-case hex."""
    return quote(s, safe="-_.~")


def gen_path(rnd, s3):
    segs = []
    for _ in range(rnd.randint(0, 3)):
        seg = "".join(rnd.choice(SEGMENT_CHARS) for _ in range(rnd.randint(1, 5)))
        if seg in (".", ".."):
            seg += "x"  # botocore keeps a trailing slash only after a real segment
        segs.append(encode(seg))
    path = "/" + "/".join(segs)
    if segs and rnd.random() < 0.3:
        path += "/"
    return path


def gen_query(rnd, unique):
    pairs = []
    names = ["a", "B", "x-y", "Param", "k~", "ü"]
    for _ in range(rnd.randint(0, 3)):
        name = rnd.choice(names)
        if unique and any(n == encode(name) for n, _ in pairs):
            continue
        value = "".join(rnd.choice(["v", "1", " ", "/", "+", "=", "€", "~", ""]) for _ in range(rnd.randint(0, 4)))
        pairs.append((encode(name), encode(value)))
    return "&".join(f"{k}={v}" for k, v in pairs)


def gen_headers(rnd):
    headers = []
    for name in rnd.sample(HEADER_NAMES, rnd.randint(0, 3)):
        value = "".join(rnd.choice(VALUE_WORDS) for _ in range(rnd.randint(1, 4))).strip() or "v"
        headers.append((name, value))
    return headers


def sign(case, t):
    creds = Credentials(case["access_key_id"], SECRET, case["session_token"] or None)
    url = f"https://{case['host']}{case['path']}"
    if case["query"]:
        url += "?" + case["query"]
    body = base64.b64decode(case["body"])
    req = AWSRequest(method=case["method"], url=url, data=body, headers=dict(case["headers"]))
    kind = case["auth"]
    if kind == "v4":
        auth = SigV4Auth(creds, case["service"], case["region"])
    elif kind == "s3v4":
        auth = S3SigV4Auth(creds, "s3", case["region"])
    elif kind == "query-v4":
        auth = SigV4QueryAuth(creds, case["service"], case["region"], expires=case["expires"])
    else:
        auth = S3SigV4QueryAuth(creds, "s3", case["region"], expires=case["expires"])
    with mock.patch("botocore.auth.get_current_datetime", return_value=t):
        auth.add_auth(req)
    case["signed_url"] = req.url
    case["signed_headers"] = [[k, v] for k, v in req.headers.items()]
    case["time"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
    return case


def main():
    rnd = random.Random(20250301)
    base = datetime.datetime(2025, 3, 1, 12, 0, 0)
    cases = []
    for i in range(60):
        kind = ["v4", "s3v4", "query-v4", "query-s3"][i % 4]
        s3 = kind in ("s3v4", "query-s3")
        presigned = kind.startswith("query")
        method = rnd.choice(["GET", "PUT", "DELETE"] if presigned else ["GET", "POST", "PUT", "DELETE"])
        body = b"" if presigned or method in ("GET", "DELETE") else bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 40)))
        temporary = rnd.random() < 0.5
        case = {
            "name": f"{kind}-{i}",
            "auth": kind,
            "method": method,
            "host": "examplebucket.s3.amazonaws.com" if s3 else "service.us-east-1.amazonaws.com",
            "path": gen_path(rnd, s3),
            "query": gen_query(rnd, presigned),
            "headers": gen_headers(rnd),
            "body": base64.b64encode(body).decode(),
            "body_sha256": hashlib.sha256(body).hexdigest(),
            "service": "s3" if s3 else rnd.choice(SERVICES),
            "region": rnd.choice(REGIONS),
            "access_key_id": TEMP_AKID if temporary else AKID,
            "secret_access_key": SECRET,
            "session_token": TOKEN if temporary else "",
            "expires": rnd.choice([1, 60, 3600, 604800]),
        }
        if kind == "v4" and i % 8 == 0:
            # botocore signs with the Date header instead of X-Amz-Date
            # when the request has one.
            case["headers"].append(("Date", "placeholder"))
            case["uses_date_header"] = True
        cases.append(sign(case, base + datetime.timedelta(minutes=17 * i)))
    json.dump({"botocore_version": botocore.__version__, "cases": cases}, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
