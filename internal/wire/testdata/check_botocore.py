#!/usr/bin/env python3
"""Parse the golden responses with botocore's own clients and parsers.

Every golden response (testdata/golden/*/response.http) and error
(testdata/errors/*.http, testdata/invalid/*.response.http) is handed to a real
botocore client through a before-send hook, so botocore's full pipeline reads
it: the protocol parser, the modelled-error pass, ClientError. The check then
asserts that

  * a success parses to exactly the output the service gave the encoder
    (testdata/golden/*/output.json), timestamps compared as instants, with no
    member lost or invented, and the request id is read back;
  * an error raises ClientError with the expected code and message, the
    expected HTTP status, and every modelled field parsed back.

Exit status 0 when every check passes, 1 otherwise, 77 when botocore is
missing. Run from internal/wire:  python3 testdata/check_botocore.py
"""

import base64
import datetime
import glob
import json
import os
import sys

try:
    import botocore.session
    from botocore.awsrequest import AWSResponse
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError:  # pragma: no cover
    print("botocore is not installed")
    sys.exit(77)

HERE = os.path.dirname(os.path.abspath(__file__))
REQUEST_ID = "c0ffee00-0000-4000-8000-000000000001"
FAILURES = []


def fail(name, msg):
    FAILURES.append(f"{name}: {msg}")


class Raw:
    def __init__(self, body):
        self.body = body

    def stream(self, *args, **kwargs):
        yield self.body


def read_http(path):
    with open(path, "rb") as f:
        data = f.read()
    head, _, body = data.partition(b"\n\n")
    lines = head.decode().split("\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(": ")
        headers[k] = v
    return status, headers, body


_SESSION = botocore.session.get_session()
_CLIENTS = {}


def client(service):
    if service not in _CLIENTS:
        _CLIENTS[service] = _SESSION.create_client(
            service, region_name="us-east-1",
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
            config=Config(parameter_validation=False,
                          retries={"total_max_attempts": 1, "mode": "standard"}))
    return _CLIENTS[service]


def call(service, operation, params, response):
    """Calls operation with a client whose transport returns response."""
    c = client(service)
    status, headers, body = response

    def send(request, **kwargs):
        return AWSResponse(request.url, status, headers, Raw(body))

    event = f"before-send.{c.meta.service_model.service_id.hyphenize()}.{operation}"
    c.meta.events.register(event, send, unique_id="wire-check")
    try:
        py = {v: k for k, v in c.meta.method_to_api_mapping.items()}[operation]
        return getattr(c, py)(**params)
    finally:
        c.meta.events.unregister(event, unique_id="wire-check")


def instant(v):
    """Seconds since the epoch of a timestamp given as ISO 8601 or datetime."""
    if isinstance(v, datetime.datetime):
        return round(v.timestamp(), 3)
    s = v.replace("Z", "+00:00")
    return round(datetime.datetime.fromisoformat(s).timestamp(), 3)


def expected(shape, value, name, path):
    """The value botocore should parse, from the output the encoder was given."""
    t = shape.type_name
    if t == "structure":
        out = {}
        for k, v in value.items():
            if k not in shape.members:
                fail(name, f"{path}.{k} is not a member of {shape.name}")
                continue
            if v is not None:
                out[k] = expected(shape.members[k], v, name, f"{path}.{k}")
        return out
    if t == "list":
        return [expected(shape.member, v, name, path + "[]") for v in value]
    if t == "map":
        return {k: expected(shape.value, v, name, f"{path}.{k}") for k, v in value.items()}
    if t == "timestamp":
        return instant(value)
    if t == "blob":
        return base64.b64decode(value)
    if t in ("float", "double"):
        return float(value)
    return value


def comparable(value):
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, datetime.datetime):
        return instant(value)
    return value


def params_for(service, operation, params):
    """Botocore needs URI labels even with validation off."""
    return params


def check_success(case_dir):
    name = os.path.basename(case_dir)
    with open(os.path.join(case_dir, "params.json")) as f:
        spec = json.load(f)
    response = read_http(os.path.join(case_dir, "response.http"))
    out_path = os.path.join(case_dir, "output.json")
    output = {}
    if os.path.exists(out_path):
        with open(out_path) as f:
            output = json.load(f)
    c = client(spec["service"])
    op_model = c.meta.service_model.operation_model(spec["operation"])
    parsed = call(spec["service"], spec["operation"], spec["params"], response)
    meta = parsed.pop("ResponseMetadata", {})
    if meta.get("RequestId") != REQUEST_ID:
        fail(name, f"request id {meta.get('RequestId')!r}")
    want = {}
    if op_model.output_shape is not None:
        want = expected(op_model.output_shape, output, name, spec["operation"])
    got = comparable(parsed)
    if got != want:
        fail(name, f"parsed output differs:\n  got  {got}\n  want {want}")


def check_error(name, service, operation, response, code, message, fields):
    c = client(service)
    try:
        call(service, operation, {}, response)
    except ClientError as e:
        err = e.response.get("Error", {})
        if err.get("Code") != code:
            fail(name, f"code {err.get('Code')!r}, want {code!r}")
        if message is not None and err.get("Message") != message:
            fail(name, f"message {err.get('Message')!r}, want {message!r}")
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status != response[0]:
            fail(name, f"status {status}, want {response[0]}")
        if e.response.get("ResponseMetadata", {}).get("RequestId") != REQUEST_ID:
            fail(name, "request id not parsed")
        shape = c.meta.service_model.shape_for_error_code(code)
        for k, v in (fields or {}).items():
            if shape is None:
                continue
            member = shape.members.get(k)
            if member is None:
                fail(name, f"field {k} is not a member of {shape.name}")
                continue
            want = expected(member, v, name, k)
            if comparable(e.response.get(k)) != want:
                fail(name, f"field {k}: got {e.response.get(k)!r}, want {want!r}")
        return
    except Exception as e:  # noqa: BLE001
        fail(name, f"raised {type(e).__name__}: {e}")
        return
    fail(name, "no ClientError raised")


def main():
    n = 0
    for case_dir in sorted(glob.glob(os.path.join(HERE, "golden", "*"))):
        check_success(case_dir)
        n += 1
    for path in sorted(glob.glob(os.path.join(HERE, "errors", "*.json"))):
        with open(path) as f:
            spec = json.load(f)
        response = read_http(path[:-len(".json")] + ".http")
        check_error(os.path.basename(path), spec["service"], spec["operation"], response,
                    spec.get("wantCode", spec["code"]), spec["message"], spec.get("fields"))
        n += 1
    for path in sorted(glob.glob(os.path.join(HERE, "invalid", "*.json"))):
        with open(path) as f:
            spec = json.load(f)
        response = read_http(path[:-len(".json")] + ".response.http")
        check_error(os.path.basename(path), spec["service"], spec["operation"], response,
                    spec["code"], None, None)
        n += 1
    for f in FAILURES:
        print("FAIL", f)
    print(f"{n} responses checked with botocore {botocore.__version__}, {len(FAILURES)} failures")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
