"""Conformance of skymesh's own SDL (`schema/*.graphql`) with SkyWalking's query protocol as OAP 10.4 serves it.

Our files are written in our own words and grouped our own way, but clients (booster-ui, swctl) depend on every
name and type reference of the protocol, so: each file parses on its own; the set builds in graphql-core and in
our own engine (`skymesh graphql introspect`) to the same schema; and, with ../shared present, it has exactly the
upstream schema's types, fields, arguments, input fields, enum values, union members, interfaces, default values,
deprecations and root types (descriptions aside), reported as a readable diff when it does not."""

import glob
import json
import os
import subprocess

import pytest
from graphql import (GraphQLEnumType, GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType,
                     GraphQLScalarType, GraphQLUnionType, Undefined, build_ast_schema, build_client_schema,
                     get_introspection_query, parse, print_schema, validate, validate_schema)
from graphql.language import (DirectiveDefinitionNode, SchemaDefinitionNode, TypeDefinitionNode,
                              TypeExtensionNode)

from conftest import BINARY, ROOT

SCHEMA_FILES = sorted(glob.glob(os.path.join(ROOT, "schema", "*.graphql")))
UPSTREAM_DIRECTORY = os.path.join(os.path.dirname(ROOT), "shared", "reference", "skywalking-ui", "schema")
UPSTREAM_FILES = sorted(glob.glob(os.path.join(UPSTREAM_DIRECTORY, "*.graphqls")))
UI_DOCUMENTS = sorted(glob.glob(os.path.join(os.path.dirname(UPSTREAM_DIRECTORY), "queries", "*.graphql")))


def read(path):
    with open(path, encoding="utf-8") as file:
        return file.read()


def build(paths):
    """graphql-core's schema of the files read together (definitions and extensions in any order)."""
    schema = build_ast_schema(parse("\n".join(read(path) for path in paths)))
    errors = validate_schema(schema)
    assert not errors, "\n".join(str(error) for error in errors)
    return schema


def kind_of(named_type):
    for kind, cls in (("scalar", GraphQLScalarType), ("object", GraphQLObjectType),
                      ("interface", GraphQLInterfaceType), ("union", GraphQLUnionType), ("enum", GraphQLEnumType),
                      ("input", GraphQLInputObjectType)):
        if isinstance(named_type, cls):
            return kind
    raise AssertionError(f"unexpected type {named_type!r}")


def deprecated(element):
    return "deprecated" if element.deprecation_reason is not None else "not deprecated"


def default_of(value):
    return "no default" if value is Undefined else f"default {value!r}"


class Comparison:
    """What one schema has that the other does not, element by element, ignoring descriptions and the wording
    of deprecation reasons. `differences` holds lines: `- X` only upstream, `+ X` only ours, `~ X` both but
    different; `counts` how many elements of each sort were compared."""

    def __init__(self, ours, upstream):
        self.differences = []
        self.counts = {"types": 0, "fields": 0, "arguments": 0, "input fields": 0, "enum values": 0,
                       "union members": 0, "interfaces": 0}
        self.compare_roots(ours, upstream)
        self.compare_directives(ours, upstream)
        ours_types = self.user_types(ours)
        upstream_types = self.user_types(upstream)
        self.matched_names(ours_types, upstream_types, lambda name: f"type {name}", self.compare_type)

    @staticmethod
    def user_types(schema):
        return {name: named_type for name, named_type in schema.type_map.items() if not name.startswith("__")}

    def matched_names(self, ours, upstream, label, compare):
        """Reports the names only one side has (as `label(name)`), compares the elements both have."""
        for name in sorted(upstream.keys() - ours.keys()):
            self.differences.append(f"- {label(name)}")
        for name in sorted(ours.keys() - upstream.keys()):
            self.differences.append(f"+ {label(name)}")
        for name in sorted(ours.keys() & upstream.keys()):
            compare(label(name), ours[name], upstream[name])

    def differs(self, where, ours, upstream):
        if ours != upstream:
            self.differences.append(f"~ {where}: ours {ours}, upstream {upstream}")

    def compare_roots(self, ours, upstream):
        for root in ("query_type", "mutation_type", "subscription_type"):
            self.differs(f"schema {root.replace('_type', '')} root", getattr(getattr(ours, root), "name", None),
                         getattr(getattr(upstream, root), "name", None))

    def compare_directives(self, ours, upstream):
        self.matched_names({directive.name: directive for directive in ours.directives},
                           {directive.name: directive for directive in upstream.directives},
                           lambda name: f"directive @{name}", self.compare_directive)

    def compare_directive(self, where, ours, upstream):
        self.differs(f"locations of {where}", sorted(location.name for location in ours.locations),
                     sorted(location.name for location in upstream.locations))
        self.differs(f"{where} repeatable", ours.is_repeatable, upstream.is_repeatable)
        self.matched_names(ours.args, upstream.args, lambda arg: f"argument {where}({arg}:)",
                           self.compare_input_value)

    def compare_type(self, where, ours, upstream):
        self.counts["types"] += 1
        name = upstream.name
        if kind_of(ours) != kind_of(upstream):
            self.differences.append(f"~ {where}: ours a {kind_of(ours)}, upstream a {kind_of(upstream)}")
            return
        if isinstance(ours, (GraphQLObjectType, GraphQLInterfaceType)):
            self.counts["interfaces"] += len(upstream.interfaces)
            self.differs(f"interfaces of {name}", sorted(i.name for i in ours.interfaces),
                         sorted(i.name for i in upstream.interfaces))
            self.matched_names(ours.fields, upstream.fields, lambda field: f"field {name}.{field}",
                               self.compare_field)
        elif isinstance(ours, GraphQLInputObjectType):
            self.matched_names(ours.fields, upstream.fields, lambda field: f"input field {name}.{field}",
                               self.compare_input_field)
        elif isinstance(ours, GraphQLEnumType):
            self.matched_names(ours.values, upstream.values, lambda value: f"enum value {name}.{value}",
                               self.compare_enum_value)
        elif isinstance(ours, GraphQLUnionType):
            self.counts["union members"] += len(upstream.types)
            self.differs(f"members of union {name}", sorted(t.name for t in ours.types),
                         sorted(t.name for t in upstream.types))
        else:
            self.differs(f"specifiedBy of scalar {name}", ours.specified_by_url, upstream.specified_by_url)

    def compare_field(self, where, ours, upstream):
        self.counts["fields"] += 1
        self.differs(f"type of {where}", str(ours.type), str(upstream.type))
        self.differs(where, deprecated(ours), deprecated(upstream))
        field = where.removeprefix("field ")
        self.matched_names(ours.args, upstream.args, lambda arg: f"argument {field}({arg}:)", self.compare_argument)

    def compare_argument(self, where, ours, upstream):
        self.counts["arguments"] += 1
        self.compare_input_value(where, ours, upstream)

    def compare_input_field(self, where, ours, upstream):
        self.counts["input fields"] += 1
        self.compare_input_value(where, ours, upstream)

    def compare_input_value(self, where, ours, upstream):
        self.differs(f"type of {where}", str(ours.type), str(upstream.type))
        self.differs(where, default_of(ours.default_value), default_of(upstream.default_value))
        self.differs(where, deprecated(ours), deprecated(upstream))

    def compare_enum_value(self, where, ours, upstream):
        self.counts["enum values"] += 1
        self.differs(where, deprecated(ours), deprecated(upstream))


def test_there_are_schema_files():
    assert len(SCHEMA_FILES) >= 10, SCHEMA_FILES


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=os.path.basename)
def test_each_file_parses_alone_as_a_type_system_document(path):
    """The build embeds the files as separate sources, so each must parse alone and hold only SDL."""
    document = parse(read(path))
    assert document.definitions, f"{path} is empty"
    for definition in document.definitions:
        assert isinstance(definition, (SchemaDefinitionNode, TypeDefinitionNode, TypeExtensionNode,
                                       DirectiveDefinitionNode)), f"{path}: {definition.kind}"


def test_one_file_defines_the_roots_and_the_others_extend_them():
    defining = {}
    for path in SCHEMA_FILES:
        for definition in parse(read(path)).definitions:
            if isinstance(definition, SchemaDefinitionNode):
                defining.setdefault("schema", []).append(os.path.basename(path))
            elif isinstance(definition, TypeDefinitionNode) and definition.name.value in ("Query", "Mutation"):
                defining.setdefault(definition.name.value, []).append(os.path.basename(path))
    assert len(defining.get("schema", [])) == 1, defining
    assert defining.get("Query") == defining["schema"] and defining.get("Mutation") == defining["schema"], defining


def test_every_type_has_a_description():
    schema = build(SCHEMA_FILES)
    undescribed = sorted(name for name, named_type in Comparison.user_types(schema).items()
                         if name not in ("Int", "Float", "String", "Boolean", "ID") and not named_type.description)
    assert not undescribed, f"types without a description: {undescribed}"


def test_our_engine_builds_the_same_schema_as_graphql_core():
    result = subprocess.run(
        [BINARY, "graphql", "introspect", *[arg for path in SCHEMA_FILES for arg in ("--schema", path)]],
        input=get_introspection_query(descriptions=True, specified_by_url=True, directive_is_repeatable=True,
                                      schema_description=True, input_value_deprecation=True),
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    response = json.loads(result.stdout)
    assert "errors" not in response, response
    assert print_schema(build_client_schema(response["data"])) == print_schema(build(SCHEMA_FILES))


SMALL_UPSTREAM = """
schema { query: Query }
scalar Long
type Query { a(x: Int, y: Long = 3): [String!]! b: Long @deprecated c: Shape }
interface Named { name: String }
type Thing implements Named { name: String }
union Shape = Thing
enum Color { RED GREEN }
input Filter { keyword: String! limit: Int }
input Range { from: Int to: Int }
"""

SMALL_OURS = """
schema { query: Query mutation: Mutation }
type Mutation { z: Int }
type Query { a(x: Int!, y: Long = 4, w: Int): [String]! b: Long c: Shape }
scalar Long
interface Named { name: String }
type Thing { name: String }
type Other { name: String }
union Shape = Thing | Other
enum Color { RED @deprecated(reason: "in our words") BLUE }
type Filter { keyword: String }
input Range { from: Int @deprecated to: Int = 5 }
"""


def test_the_comparison_finds_every_sort_of_difference():
    """Guards the comparison itself: two small schemas differing in every way it checks."""
    differences = Comparison(build_ast_schema(parse(SMALL_OURS)), build_ast_schema(parse(SMALL_UPSTREAM)))
    assert sorted(differences.differences) == sorted([
        "~ schema mutation root: ours Mutation, upstream None",
        "+ type Mutation",
        "+ type Other",
        "+ argument Query.a(w:)",
        "~ type of field Query.a: ours [String]!, upstream [String!]!",
        "~ type of argument Query.a(x:): ours Int!, upstream Int",
        "~ argument Query.a(y:): ours default 4, upstream default 3",
        "~ field Query.b: ours not deprecated, upstream deprecated",
        "~ interfaces of Thing: ours [], upstream ['Named']",
        "~ members of union Shape: ours ['Other', 'Thing'], upstream ['Thing']",
        "- enum value Color.GREEN",
        "+ enum value Color.BLUE",
        "~ enum value Color.RED: ours deprecated, upstream not deprecated",
        "~ input field Range.from: ours deprecated, upstream not deprecated",
        "~ input field Range.to: ours default 5, upstream no default",
        "~ type Filter: ours a object, upstream a input",
    ]), "\n".join(differences.differences)


@pytest.mark.skipif(not UPSTREAM_FILES, reason="../shared/reference/skywalking-ui/schema is not present")
def test_same_protocol_as_oap_10_4():
    assert len(UPSTREAM_FILES) == 24, UPSTREAM_FILES
    upstream = build(UPSTREAM_FILES)
    comparison = Comparison(build(SCHEMA_FILES), upstream)
    counts = ", ".join(f"{count} {what}" for what, count in comparison.counts.items())
    print(f"\ncompared with upstream ({len(UPSTREAM_FILES)} files): {counts}")
    if comparison.differences:
        pytest.fail(f"our schema differs from OAP 10.4's in {len(comparison.differences)} places "
                    "(- only upstream, + only ours, ~ different):\n  " + "\n  ".join(comparison.differences),
                    pytrace=False)
    # Every upstream element was reached: the counts are those of the upstream schema itself.
    upstream_types = Comparison.user_types(upstream)
    assert comparison.counts["types"] == len(upstream_types)
    assert comparison.counts["fields"] == sum(len(t.fields) for t in upstream_types.values()
                                              if isinstance(t, (GraphQLObjectType, GraphQLInterfaceType)))
    assert comparison.counts["enum values"] == sum(len(t.values) for t in upstream_types.values()
                                                   if isinstance(t, GraphQLEnumType))


@pytest.mark.skipif(not UI_DOCUMENTS, reason="../shared/reference/skywalking-ui/queries is not present")
def test_booster_ui_documents_are_valid_for_our_schema():
    """The 88 documents booster-ui sends are valid for our schema, in graphql-core and in our engine."""
    assert len(UI_DOCUMENTS) == 88
    schema = build(SCHEMA_FILES)
    for path in UI_DOCUMENTS:
        errors = validate(schema, parse(read(path)))
        assert not errors, f"{os.path.basename(path)}: {[str(error) for error in errors]}"
    result = subprocess.run(
        [BINARY, "graphql", "validate", *[arg for path in SCHEMA_FILES for arg in ("--schema", path)],
         *UI_DOCUMENTS], capture_output=True, text=True, timeout=60)
    verdicts = {line["file"]: line for line in map(json.loads, result.stdout.splitlines())}
    assert sorted(verdicts) == UI_DOCUMENTS, result.stdout + result.stderr
    invalid = {os.path.basename(path): verdict["errors"] for path, verdict in verdicts.items() if not verdict["valid"]}
    assert not invalid, invalid
