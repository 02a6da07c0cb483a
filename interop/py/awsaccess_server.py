"""Start `awsaccess serve` for the interop scripts and read its credentials.

The server is built from this checkout into a temporary directory (or
taken from $AWSACCESS_BIN when set), listens
on a free loopback port, and prints one export line per access key of its
world:

    # account 111111111111, user admin
    export AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=... AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:PORT

Server.keys maps "ACCOUNT/USER" ("ACCOUNT/" for the root user) to
(access key id, secret). Callers stop the server in a finally block.
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# One attempt per call: the scripts check answers, not retries.
CLIENT_CONFIG = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)


def free_port():
    """Returns a loopback port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, proc=None, timeout=30.0):
    """Waits until url answers HTTP at all (any status)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("the server exited with status %d" % proc.returncode)
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("no HTTP answer from %s within %.0fs" % (url, timeout))


def parse_keys(text):
    """Reads the export lines `awsaccess serve` prints."""
    keys, who = {}, None
    for line in text.splitlines():
        m = re.match(r"# account (\d{12}), (?:root user|user (\S+))$", line)
        if m:
            who = m.group(1) + "/" + (m.group(2) or "")
            continue
        m = re.match(r"export AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+) ", line)
        if m and who:
            keys[who] = (m.group(1), m.group(2))
            who = None
    return keys


class Server:
    """`awsaccess serve` on a free port; stop() kills it and removes its files."""

    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="awsaccess-interop-")
        self.proc = None
        try:
            binary = os.environ.get("AWSACCESS_BIN")
            if not binary:
                binary = os.path.join(self.dir, "awsaccess")
                subprocess.run(["go", "build", "-o", binary, "./cmd/awsaccess"], cwd=ROOT, check=True)
            self.port = free_port()
            self.url = "http://127.0.0.1:%d" % self.port
            self.stdout = os.path.join(self.dir, "stdout")
            self.stderr = os.path.join(self.dir, "stderr")
            with open(self.stdout, "wb") as out, open(self.stderr, "wb") as err:
                self.proc = subprocess.Popen(
                    [binary, "serve", "-addr", "127.0.0.1:%d" % self.port, "-clock", "real", "-quiet"] + list(args),
                    stdout=out, stderr=err, stdin=subprocess.DEVNULL)
            # The server prints its address once it listens, then its keys,
            # then serves: once it has printed the address the port is its
            # own, and once it answers every key is printed.
            deadline = time.monotonic() + 30
            while "awsaccess serving on " + self.url not in open(self.stdout).read():
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    with open(self.stderr) as f:
                        raise RuntimeError("awsaccess serve did not start: " + f.read()[-500:])
                time.sleep(0.05)
            wait_http(self.url, self.proc)
            with open(self.stdout) as f:
                self.keys = parse_keys(f.read())
            if not self.keys:
                raise RuntimeError("the server printed no keys")
        except BaseException:
            self.stop()
            raise

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def client(self, service, who, region="us-east-1", secret=None):
        """A boto3 client of service signed with the key of who ("ACCOUNT/USER")."""
        akid, sk = self.keys[who]
        return boto3.session.Session(
            aws_access_key_id=akid, aws_secret_access_key=secret or sk, region_name=region,
        ).client(service, endpoint_url=self.url, config=CLIENT_CONFIG)
