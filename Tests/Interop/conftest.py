"""Fixtures for the interop tests: a real skymesh process on free loopback ports, its /metrics, GraphQL and REST."""

import json
import os
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYMESH_BINARY", os.path.join(ROOT, ".build", "debug", "skymesh"))


class Skymesh:
    """A running `skymesh serve` with its ports, read from its startup log line."""

    def __init__(self, *extra_args, directory=None):
        """Starts skymesh on a new temporary directory, or on `directory` (and the database in it) when given."""
        self.extra_args = extra_args
        self.directory = directory or tempfile.mkdtemp(prefix="skymesh-interop-")
        self.log_path = os.path.join(self.directory, "skymesh.log")
        self.log = open(self.log_path, "w+")
        args = [BINARY, "serve", "--grpc-host", "127.0.0.1", "--grpc-port", "0", "--http-host", "127.0.0.1",
                "--http-port", "0", "--db", os.path.join(self.directory, "skymesh.db"), *extra_args]
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.log_path) as log:
                text = log.read()
            grpc_match = re.search(r"grpc=127\.0\.0\.1:(\d+)", text)
            http_match = re.search(r"http=127\.0\.0\.1:(\d+)", text)
            if grpc_match and http_match:
                self.grpc_port = int(grpc_match.group(1))
                self.http_port = int(http_match.group(1))
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"skymesh exited with {self.process.returncode}:\n{text}")
            time.sleep(0.05)
        raise RuntimeError("skymesh did not start within 30 s")

    @property
    def grpc_target(self):
        return f"127.0.0.1:{self.grpc_port}"

    def metrics(self):
        """The /metrics series as {'name{labels}': value}."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.http_port}/metrics", timeout=5) as response:
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values

    def metric(self, name):
        return self.metrics().get(name, 0.0)

    def request(self, method, path, body=None, headers=None):
        """(HTTP status, body text) of one request to the HTTP port; error statuses are returned, not raised."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=body, method=method,
                                         headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def graphql_response(self, query, variables=None):
        """(HTTP status, decoded JSON body) of `POST /graphql` as booster-ui sends it."""
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        status, text = self.request("POST", "/graphql", body,
                                    {"Content-Type": "application/json", "Accept": "application/json"})
        return status, json.loads(text)

    def graphql(self, query, variables=None):
        """The `data` of a GraphQL request that must succeed: HTTP 200 and no `errors`."""
        status, body = self.graphql_response(query, variables)
        assert status == 200 and "errors" not in body, (status, body)
        return body["data"]

    def restart(self):
        """Stops this process (expecting exit 0) and returns a new one with the same arguments and database."""
        assert self.stop() == 0, open(self.log_path).read()
        return Skymesh(*self.extra_args, directory=self.directory)

    def stop(self):
        self.process.terminate()
        code = self.process.wait(timeout=15)
        self.log.close()
        return code


@pytest.fixture
def start_skymesh():
    """Starts skymesh processes with extra arguments; stops them (expecting exit 0) after the test."""
    started = []

    def start(*extra_args, directory=None):
        server = Skymesh(*extra_args, directory=directory)
        started.append(server)
        return server

    yield start
    for server in started:
        assert server.stop() == 0, open(server.log_path).read()
