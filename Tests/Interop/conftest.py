"""Fixtures for the interop tests: a real skymesh process on free loopback ports, its /metrics, GraphQL and REST."""

import json
import os
import urllib.error
import urllib.request

import pytest

from skymesh_process import SkymeshProcess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYMESH_BINARY", os.path.join(ROOT, ".build", "debug", "skymesh"))


class Skymesh(SkymeshProcess):
    """A running `skymesh serve` (skymesh_process.py) with the helpers the tests use: HTTP requests, GraphQL and
    single metrics."""

    def __init__(self, directory, *extra_args):
        """Starts skymesh on `directory` (and the database in it): pass a pytest temporary directory, which pytest
        removes after a few runs."""
        super().__init__(BINARY, str(directory), *extra_args)

    def metric(self, name):
        """One /metrics series (`name{labels}`), 0 when absent."""
        return self.metrics().get(name, 0.0)

    def request(self, method, path, body=None, headers=None):
        """(HTTP status, body text) of one request to the HTTP port; error statuses are returned, not raised."""
        request = urllib.request.Request(self.http_url(path), data=body, method=method,
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


@pytest.fixture
def start_skymesh(tmp_path_factory):
    """Starts skymesh processes with extra arguments, each in a new pytest temporary directory unless `directory`
    names one (another server's, to start on its database); stops every one (expecting exit 0) after the test."""
    started = []

    def start(*extra_args, directory=None):
        server = Skymesh(directory or tmp_path_factory.mktemp("skymesh"), *extra_args)
        started.append(server)
        return server

    yield start
    codes = [server.stop() for server in started]  # every one, before the first failed assertion
    for server, code in zip(started, codes):
        assert code == 0, server.log_text()
