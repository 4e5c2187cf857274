"""Cross-check of skymesh's GraphQL engine with graphql-core (PyPI), the Python port of the reference
implementation: for a test schema, our introspection rebuilt by `build_client_schema` prints the same as
graphql-core printing the SDL, and the same documents are valid or invalid in both. With ../shared present, the
same holds for SkyWalking's own schema and the 88 documents booster-ui sends (skipped when it is absent)."""

import glob
import json
import os
import subprocess

import pytest
from graphql import (build_client_schema, build_schema, get_introspection_query, parse, print_schema,
                     validate, GraphQLError)

from conftest import BINARY, ROOT

SCHEMA = '''
"The root."
schema { query: Query mutation: Mutation }

"Something with an id."
interface Node { id: ID! }
interface Named implements Node { id: ID! name(upper: Boolean = false): String }
"A service of the mesh."
type Service implements Node & Named {
  id: ID!
  name(upper: Boolean = false): String
  "Deprecated in favour of layers."
  layer: String @deprecated(reason: "use layers")
  layers: [String!]!
  instances(first: Int = 10, filter: InstanceFilter): [Instance!]
}
type Instance implements Node { id: ID! service: Service! attributes: [Attribute!]! }
type Attribute { name: String! value: String }
union Entity = Service | Instance
enum Scope { ALL SERVICE INSTANCE ENDPOINT @deprecated }
"A 64-bit integer."
scalar Long @specifiedBy(url: "https://example.com/long")
input InstanceFilter { keyword: String = "" scope: Scope = ALL tags: [String!] = [] limit: Long }
input Duration { start: String! end: String! step: Step! }
enum Step { DAY HOUR MINUTE }
type Query {
  services(duration: Duration!, keyword: String): [Service!]!
  node(id: ID!): Node
  entity(id: ID!): Entity
  count(scope: Scope = ALL, since: Long): Long!
}
type Mutation { rename(id: ID!, name: String!): Service }
directive @cost(value: Int!) repeatable on FIELD_DEFINITION | FIELD
'''

DOCUMENTS = {
    "valid-basic": "query Q($d: Duration!) { services(duration: $d) { id name layers } }",
    "valid-fragments": """
        query Q($id: ID!) { node(id: $id) { ...N ... on Service { instances(first: 2) { id } } __typename } }
        fragment N on Node { id ... on Named { name(upper: true) } }""",
    "valid-union": "{ entity(id: \"1\") { ... on Service { name } ... on Instance { service { id } } } }",
    "valid-defaults": "query ($s: Scope = SERVICE, $l: Long = 5) { count(scope: $s, since: $l) }",
    "valid-input-list-coercion": "{ services(duration: {start: \"a\", end: \"b\", step: DAY}) { instances(filter: {tags: \"x\"}) { id } } }",
    "valid-skip-include": "query ($b: Boolean!) { node(id: 1) { id @skip(if: $b) id @include(if: true) } }",
    "valid-mutation": "mutation { rename(id: 1, name: \"x\") { id } }",
    "valid-introspection": "{ __schema { types { name } } __type(name: \"Service\") { fields { name } } }",
    "invalid-unknown-field": "{ services { nope } }",
    "invalid-missing-argument": "{ services { id } }",
    "invalid-leaf-selection": "{ count { x } }",
    "invalid-composite-without-selection": "query ($d: Duration!) { services(duration: $d) }",
    "invalid-wrong-literal": "{ count(scope: \"ALL\") }",
    "invalid-int-range": "{ services(duration: {start: \"a\", end: \"b\", step: DAY}) { instances(first: 3000000000) { id } } }",
    "invalid-unknown-type": "query ($x: Missing) { count }",
    "invalid-unused-variable": "query ($x: Int) { count }",
    "invalid-undefined-variable": "{ count(since: $s) }",
    "invalid-variable-position": "query ($s: String) { count(scope: $s) }",
    "invalid-fragment-cycle": "{ node(id: 1) { ...A } } fragment A on Node { ...B } fragment B on Node { ...A }",
    "invalid-unused-fragment": "{ count } fragment A on Node { id }",
    "invalid-impossible-spread": "{ entity(id: 1) { ... on Attribute { name } } }",
    "invalid-field-conflict": "{ node(id: 1) { ... on Service { x: name } ... on Instance { x: id } } }",
    "invalid-duplicate-operation": "query A { count } query A { count }",
    "invalid-anonymous-not-alone": "{ count } query B { count }",
    "invalid-directive-location": "query @skip(if: true) { count }",
    "invalid-duplicate-directive": "{ count @include(if: true) @include(if: false) }",
    "invalid-unknown-argument": "{ count(nope: 1) }",
    "invalid-required-input-field": "{ services(duration: {start: \"a\", step: DAY}) { id } }",
    "invalid-typename-on-scalar": "{ count { __typename } }",
    "invalid-schema-not-on-root": "{ node(id: 1) { __schema { types { name } } } }",
    "invalid-syntax": "{ count ",
}


def skymesh(*args, stdin=None):
    return subprocess.run([BINARY, "graphql", *args], input=stdin, capture_output=True, text=True, timeout=60)


def introspected_sdl(schema_files):
    result = skymesh("introspect", *[arg for path in schema_files for arg in ("--schema", path)],
                     stdin=get_introspection_query(descriptions=True, specified_by_url=True,
                                                   directive_is_repeatable=True, schema_description=True,
                                                   input_value_deprecation=True))
    assert result.returncode == 0, result.stdout + result.stderr
    response = json.loads(result.stdout)
    assert "errors" not in response, response
    return print_schema(build_client_schema(response["data"]))


def our_verdicts(directory, schema_files, documents):
    """`skymesh graphql validate`'s line for each of `documents` ({name: text}), written into `directory`."""
    paths = {}
    for name, text in documents.items():
        paths[name] = os.path.join(directory, name + ".graphql")
        with open(paths[name], "w") as file:
            file.write(text)
    result = skymesh("validate", *[arg for path in schema_files for arg in ("--schema", path)], *paths.values())
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    by_path = {line["file"]: line for line in lines}
    return {name: by_path[path] for name, path in paths.items()}


def core_valid(schema, text):
    try:
        return not validate(schema, parse(text))
    except GraphQLError:
        return False


@pytest.fixture(scope="module")
def test_schema_file(tmp_path_factory):
    path = os.path.join(tmp_path_factory.mktemp("graphql-core"), "schema.graphql")
    with open(path, "w") as file:
        file.write(SCHEMA)
    return path


def test_introspection_rebuilds_the_schema(test_schema_file):
    assert introspected_sdl([test_schema_file]) == print_schema(build_schema(SCHEMA))


def test_same_documents_valid_and_invalid(test_schema_file, tmp_path):
    schema = build_schema(SCHEMA)
    verdicts = our_verdicts(tmp_path, [test_schema_file], DOCUMENTS)
    for name, text in DOCUMENTS.items():
        expected = core_valid(schema, text)
        assert expected == name.startswith("valid-"), f"{name}: the test's own label disagrees with graphql-core"
        assert verdicts[name]["valid"] == expected, f"{name}: ours {verdicts[name]}, graphql-core valid={expected}"
        for error in verdicts[name]["errors"]:
            assert error["message"] and error.get("locations"), f"{name}: {error}"


SHARED_UI = os.path.join(os.path.dirname(ROOT), "shared", "reference", "skywalking-ui")


@pytest.mark.skipif(not os.path.isdir(SHARED_UI), reason="../shared/reference/skywalking-ui is not present")
def test_skywalking_schema_and_ui_documents(tmp_path):
    schema_files = sorted(glob.glob(os.path.join(SHARED_UI, "schema", "*.graphqls")))
    sdl = "\n".join(open(path).read() for path in schema_files)
    assert introspected_sdl(schema_files) == print_schema(build_schema(sdl))
    documents = {os.path.basename(path)[:-len(".graphql")]: open(path).read()
                 for path in sorted(glob.glob(os.path.join(SHARED_UI, "queries", "*.graphql")))}
    assert len(documents) == 88
    verdicts = our_verdicts(tmp_path, schema_files, documents)
    core_schema = build_schema(sdl)
    for name, text in documents.items():
        assert core_valid(core_schema, text), f"{name} is invalid for graphql-core"
        assert verdicts[name]["valid"], f"{name}: {verdicts[name]['errors']}"
