"""Self-tests of the harness (no server): the shape checker finds each kind of wrong answer and accepts right
ones; ids, Durations and the substitution follow query-protocol.md §2.1/§2.2. Run by webui-compat/run first."""

import datetime
import json
import unittest

from graphql import build_schema, parse

import harness

SDL = """
scalar Long
type Query {
  getTimeInfo: TimeInfo
  getAllTemplates: [DashboardConfiguration!]!
  listServices(layer: String): [Service!]!
  getService(serviceId: String!): Service
  execExpression(expression: String!, entity: Entity!, duration: Duration!): ExpressionResult!
  node(id: ID!): Named
  count: Long!
  ratio: Float
  readMetricsValues(duration: Duration!): MetricsValues!
  topology: Topology
}
type Topology { nodes: [Node!]! calls: [Call!]! }
type Node { id: ID! name: String! }
type Call { id: ID! source: ID! target: ID! }
type MetricsValues { label: String values: IntValues }
type IntValues { values: [KVInt!]! }
type KVInt { id: ID! value: Long! isEmptyValue: Boolean! }
type DashboardConfiguration { id: String! configuration: String! }
type TimeInfo { timezone: String currentTimestamp: Long }
type Service implements Named { id: ID! name: String! group: String! layers: [String!]! normal: Boolean }
type Instance implements Named { id: ID! name: String! attributes: [Attribute!]! }
type Attribute { name: String! value: String! }
interface Named { id: ID! name: String! }
input Entity { serviceName: String normal: Boolean serviceInstanceName: String endpointName: String
               destServiceName: String destNormal: Boolean destServiceInstanceName: String }
input Duration { start: String! end: String! step: Step! coldStage: Boolean }
enum Step { DAY HOUR MINUTE SECOND }
enum ExpressionResultType { UNKNOWN SINGLE_VALUE TIME_SERIES_VALUES SORTED_LIST }
type ExpressionResult { type: ExpressionResultType! results: [MQEValues!]! error: String }
type MQEValues { values: [MQEValue!]! }
type MQEValue { id: ID value: String owner: Owner }
type Owner { scope: String serviceID: ID serviceName: String }
"""
SCHEMA = build_schema(SDL)
CLOCK = harness.Clock(now_ms=1795503600000, timezone="+0800")  # 2026-11-24 15:00 at +0800


def problems(document, data, variables=None, schema=SCHEMA):
    """The shape problems of `data` as an answer to `document`."""
    checker = harness.ShapeChecker(schema, parse(document), variables or {}, CLOCK)
    return checker.check(data)


SERVICES = """query { services: listServices(layer: "MESH") { id value: name label: name group layers normal } }"""


def service(**overrides):
    value = {"id": "YQ==.1", "value": "a", "label": "a", "group": "", "layers": ["MESH"], "normal": True}
    value.update(overrides)
    return value


class ShapeCheckerTests(unittest.TestCase):
    def test_a_right_answer_passes(self):
        self.assertEqual(problems(SERVICES, {"services": [service()]}), [])

    def test_null_for_non_null_is_found(self):
        self.assertEqual(problems(SERVICES, {"services": [service(label=None)]}),
                         ["data.services[0].label: null for non-null String!"])

    def test_group_must_be_a_string_whatever_the_schema_says(self):
        self.assertEqual(problems(SERVICES, {"services": [service(group=None)]}),
                         ["data.services[0].group: null for non-null String!"])
        lenient = build_schema(SDL.replace("group: String!", "group: String"))
        self.assertEqual(problems(SERVICES, {"services": [service(group=None)]}, schema=lenient),
                         ["data.services[0].group: null must be a string (the UI calls .toUpperCase())"])

    def test_wrong_scalar_types_are_found(self):
        found = problems(SERVICES, {"services": [service(id=7, normal="true", layers="MESH")]})
        self.assertEqual(sorted(found), ["data.services[0].id: 7 is not a ID",
                                         "data.services[0].layers: \"MESH\" is not a list ([String!])",
                                         "data.services[0].normal: \"true\" is not a Boolean"])

    def test_missing_and_unselected_keys_are_found(self):
        answer = service()
        del answer["label"]
        answer["name"] = "a"
        self.assertEqual(sorted(problems(SERVICES, {"services": [answer]})),
                         ["data.services[0].label: missing", "data.services[0].name: not selected, but present"])

    def test_top_level_aliases_the_ui_dereferences_must_not_be_null(self):
        found = problems("query ($id: String!) { services: getService(serviceId: $id) { id } }", {"services": None},
                         {"id": "x"})
        self.assertEqual(found, ["data.services: null, but booster-ui dereferences it (§0.2)"])
        self.assertEqual(problems("query ($id: String!) { s: getService(serviceId: $id) { id } }", {"s": None},
                                  {"id": "x"}), [])

    def test_enums_longs_and_floats(self):
        document = """query ($d: Duration!) { count ratio
            e: execExpression(expression: "x", entity: {}, duration: $d) { type error results { values { value } } } }"""
        duration = {"start": "2026-11-24 1500", "end": "2026-11-24 1500", "step": "MINUTE"}
        good = {"count": 12, "ratio": 1, "e": {"type": "SINGLE_VALUE", "error": None,
                                               "results": [{"values": [{"value": "1.5"}]}]}}
        self.assertEqual(problems(document, good, {"d": duration}), [])
        bad = {"count": "12", "ratio": True, "e": {"type": "SINGLE", "error": None, "results": []}}
        self.assertEqual(sorted(problems(document, bad, {"d": duration})),
                         ['data.count: "12" is not a Long', "data.e.type: 'SINGLE' is not a ExpressionResultType value",
                          "data.ratio: true is not a Float"])

    def test_time_series_has_one_value_per_point(self):
        document = """query ($d: Duration!) {
            e: execExpression(expression: "x", entity: {}, duration: $d) { type results { values { id value } } } }"""
        duration = {"start": "2026-11-24 1500", "end": "2026-11-24 1502", "step": "MINUTE"}
        points = [{"id": str(i), "value": None} for i in range(2)]
        found = problems(document, {"e": {"type": "TIME_SERIES_VALUES", "results": [{"values": points}]}},
                         {"d": duration})
        self.assertEqual(found, ["data.e.results[0]: 2 values for a Duration of 3 points (§2.1: exactly one per "
                                 "point)"])
        points.append({"id": "3", "value": "1,5"})
        found = problems(document, {"e": {"type": "TIME_SERIES_VALUES", "results": [{"values": points}]}},
                         {"d": duration})
        self.assertEqual(found, ["data.e.results[0].values[2]: value '1,5' is not a number the UI can read (§3.1)"])

    def test_legacy_series_have_one_value_per_point(self):
        document = "query ($d: Duration!) { readMetricsValues(duration: $d) { label values { values { id value } } } }"
        duration = {"start": "2026-11-24 14", "end": "2026-11-24 15", "step": "HOUR"}
        point = {"id": "2026112414_x", "value": 0}
        answer = {"readMetricsValues": {"label": None, "values": {"values": [point, point]}}}
        self.assertEqual(problems(document, answer, {"d": duration}), [])
        answer["readMetricsValues"]["values"]["values"].append(point)
        self.assertEqual(problems(document, answer, {"d": duration}),
                         ["data.readMetricsValues.values.values: 3 values for a Duration of 2 points (§5.1: one per "
                          "point)"])

    def test_expression_checks_see_through_fragments(self):
        document = """query ($d: Duration!) { e: execExpression(expression: "x", entity: {}, duration: $d) { ...R } }
            fragment R on ExpressionResult { type results { ... on MQEValues { points: values { v: value } } } }"""
        duration = {"start": "2026-11-24 1500", "end": "2026-11-24 1501", "step": "MINUTE"}
        answer = {"e": {"type": "TIME_SERIES_VALUES", "results": [{"points": [{"v": "1"}]}]}}
        checker = harness.ShapeChecker(SCHEMA, parse(document), {"d": duration}, CLOCK)
        self.assertEqual(checker.check(answer), ["data.e.results[0]: 1 values for a Duration of 2 points (§2.1: "
                                                 "exactly one per point)"])
        self.assertEqual(checker.mqe, {"values": 1})

    def test_topology_calls_join_nodes(self):
        document = "{ topology { nodes { key: id name } ...Calls } } fragment Calls on Topology { calls { id from: source target } }"
        nodes = [{"key": "a", "name": "a"}, {"key": "b", "name": "b"}]
        good = {"topology": {"nodes": nodes, "calls": [{"id": "a-b", "from": "a", "target": "b"}]}}
        self.assertEqual(problems(document, good), [])
        bad = {"topology": {"nodes": nodes + [nodes[0]], "calls": [{"id": "a-c", "from": "a", "target": "c"}]}}
        self.assertEqual(problems(document, bad), ["data.topology.nodes: node ids ['a'] appear more than once",
                                                   "data.topology.calls[0].target: 'c' is not the id of a node"])

    def test_top_n_entries_carry_their_owner(self):
        document = """query ($d: Duration!) {
            e: execExpression(expression: "x", entity: {}, duration: $d) {
              type results { values { name: id value owner { scope serviceID } } } } }"""
        duration = {"start": "2026-11-24 1500", "end": "2026-11-24 1530", "step": "MINUTE"}
        entry = {"name": "a", "value": "1", "owner": {"scope": "Service", "serviceID": "YQ==.1"}}
        answer = {"e": {"type": "SORTED_LIST", "results": [{"values": [entry]}]}}
        self.assertEqual(problems(document, answer, {"d": duration}), [])
        entry["owner"] = None
        found = problems(document, answer, {"d": duration})
        self.assertEqual(len(found), 1)
        self.assertTrue(found[0].startswith("data.e.results[0].values[0].owner: null"), found)

    def test_fragments_inline_fragments_and_directives(self):
        document = """query ($skip: Boolean = true) {
            services: listServices { ...S ... on Service { layers } normal @skip(if: $skip) }
            named: node(id: "1") { __typename id ... on Instance { attributes { name value } } }
          }
          fragment S on Service { id name }"""
        good = {"services": [{"id": "a", "name": "a", "layers": []}],
                "named": {"__typename": "Instance", "id": "i", "attributes": []}}
        self.assertEqual(problems(document, good), [])
        bad = {"services": [{"id": "a", "name": "a", "layers": [], "normal": True}],
               "named": {"__typename": "Instance", "id": "i", "attributes": None}}
        self.assertEqual(sorted(problems(document, bad)),
                         ["data.named.attributes: null for non-null [Attribute!]!",
                          "data.services[0].normal: not selected, but present"])
        # A Service needs no attributes: the fragment on Instance does not apply.
        self.assertEqual(problems(document, {"services": [], "named": {"__typename": "Service", "id": "s"}}), [])

    def test_timezone_format(self):
        found = problems("{ getTimeInfo { timezone currentTimestamp } }",
                         {"getTimeInfo": {"timezone": "+8:00", "currentTimestamp": 1}})
        self.assertEqual(found, ['data.getTimeInfo.timezone: "+8:00" must be ±HHMM (the UI divides it by 100)'])


    def test_dashboard_configurations_are_json_the_ui_can_index(self):
        document = "{ getAllTemplates { id configuration } }"
        good = json.dumps({"name": "Mesh-Root", "layer": "MESH", "entity": "All", "isRoot": True, "children": []})
        self.assertEqual(problems(document, {"getAllTemplates": [{"id": "Mesh-Root", "configuration": good}]}), [])
        found = problems(document, {"getAllTemplates": [{"id": "x", "configuration": '{"name": "x"}'}]})
        self.assertEqual(len(found), 1)
        self.assertIn("getAllTemplates[0].configuration", found[0])


class IdAndDurationTests(unittest.TestCase):
    def test_idmanager_examples(self):
        self.assertEqual(harness.service_id("e2e::productpage"), "ZTJlOjpwcm9kdWN0cGFnZQ==.1")
        self.assertEqual(harness.child_id("ZTJlOjpwcm9kdWN0cGFnZQ==.1", "GET:/productpage"),
                         "ZTJlOjpwcm9kdWN0cGFnZQ==.1_R0VUOi9wcm9kdWN0cGFnZQ==")
        self.assertEqual(harness.service_id("User", False), "VXNlcg==.0")
        self.assertEqual(harness.parse_service_id("ZTJlOjpyZXZpZXdz.1"), ("e2e::reviews", True))
        self.assertEqual(harness.parse_child_id("ZTJlOjpwcm9kdWN0cGFnZQ==.1_R0VUOi9wcm9kdWN0cGFnZQ=="),
                         ("e2e::productpage", True, "GET:/productpage"))
        self.assertIsNone(harness.parse_service_id("Mesh-Service"))
        self.assertIsNone(harness.parse_child_id("0f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b"))

    def test_durations_end_now_in_the_server_zone(self):
        self.assertEqual(CLOCK.duration("MINUTE"), {"start": "2026-11-24 1430", "end": "2026-11-24 1500",
                                                    "step": "MINUTE"})
        self.assertEqual(CLOCK.duration("SECOND")["end"], "2026-11-24 150000")
        self.assertEqual(CLOCK.duration("HOUR"), {"start": "2026-11-24 09", "end": "2026-11-24 15", "step": "HOUR"})
        self.assertEqual(CLOCK.duration("DAY"), {"start": "2026-11-17", "end": "2026-11-24", "step": "DAY"})
        self.assertEqual(len(harness.duration_points(CLOCK.duration("MINUTE"), CLOCK.tz)), 31)

    def test_rewrite_keeps_cold_stage_and_leaves_other_objects(self):
        variables = {"duration": {"start": "2020-01-01 0000", "end": "2020-01-01 0030", "step": "MINUTE",
                                  "coldStage": False}, "paging": {"pageNum": 1, "pageSize": 20}}
        rewritten = harness.rewrite_durations(variables, CLOCK)
        self.assertEqual(rewritten["duration"], {"start": "2026-11-24 1430", "end": "2026-11-24 1500",
                                                 "step": "MINUTE", "coldStage": False})
        self.assertEqual(rewritten["paging"], variables["paging"])


class SubstitutionTests(unittest.TestCase):
    def world(self):
        world = harness.World()
        for name in ["e2e::gateway", "e2e::shop", "e2e::db"]:
            world.services[name] = {"id": harness.service_id(name), "name": name, "normal": True}
        world.instances = {"e2e::shop": ["shop-1.default", "shop-2.default"], "e2e::gateway": ["gw-1.default"]}
        world.endpoints = {"e2e::shop": ["GET:/a", "GET:/b"]}
        world.relations = [("e2e::gateway", "e2e::shop"), ("e2e::shop", "e2e::db")]
        world.instance_relations = [(("e2e::gateway", "gw-1.default"), ("e2e::shop", "shop-2.default"))]
        return world

    def substitution(self, *variables, text="{ version }"):
        documents = [(harness.Document(f"d{i}", ".", text, v), parse(text)) for i, v in enumerate(variables)]
        return harness.Substitution(harness.collect_examples(documents), self.world())

    def test_relations_map_onto_relations_and_ids_follow_names(self):
        relation = {"entity": {"serviceName": "x::front", "normal": True, "destServiceName": "x::back",
                               "destNormal": True, "serviceInstanceName": "front-0",
                               "destServiceInstanceName": "back-0"}}
        ids = {"serviceId": harness.service_id("x::back"),
               "endpointId": harness.child_id(harness.service_id("x::back"), "POST:/z"),
               "instanceId": harness.child_id(harness.service_id("x::back"), "back-0")}
        substitution = self.substitution(relation, ids)
        entity = substitution.variables(relation, CLOCK)["entity"]
        self.assertEqual((entity["serviceName"], entity["destServiceName"]), ("e2e::gateway", "e2e::shop"))
        self.assertEqual((entity["serviceInstanceName"], entity["destServiceInstanceName"]),
                         ("gw-1.default", "shop-2.default"))
        rewritten = substitution.variables(ids, CLOCK)
        shop = harness.service_id("e2e::shop")
        self.assertEqual(rewritten, {"serviceId": shop, "endpointId": harness.child_id(shop, "GET:/a"),
                                     "instanceId": harness.child_id(shop, "shop-2.default")})

    def test_known_names_map_to_themselves(self):
        variables = {"entity": {"serviceName": "e2e::db", "normal": True}}
        self.assertEqual(self.substitution(variables).variables(variables, CLOCK), variables)
        # An instance relation the server does not have keeps the instances it knows.
        relation = {"entity": {"serviceName": "e2e::gateway", "normal": True, "destServiceName": "e2e::shop",
                               "destNormal": True, "serviceInstanceName": "gw-1.default",
                               "destServiceInstanceName": "shop-1.default"}}
        self.assertEqual(self.substitution(relation).variables(relation, CLOCK), relation)

    def test_literals_in_the_document_are_substituted_in_place(self):
        old = harness.child_id(harness.service_id("x::back"), "GET:/z")
        text = f'query ($d: Duration!) {{ e: getEndpointDependencies(endpointId: "{old}", duration: $d) {{ id }} }}'
        substitution = self.substitution({}, text=text)
        new = harness.child_id(harness.service_id(substitution.service("x::back")),
                               substitution.endpoint("x::back", "GET:/z"))
        self.assertEqual(substitution.document(text, parse(text)), text.replace(old, new))

    def test_an_empty_world_changes_no_name(self):
        variables = {"entity": {"serviceName": "x::front", "normal": True, "endpointName": "GET:/"}}
        documents = [(harness.Document("d", ".", "{ version }", variables), parse("{ version }"))]
        substitution = harness.Substitution(harness.collect_examples(documents), harness.World())
        self.assertEqual(substitution.variables(variables, CLOCK), variables)


if __name__ == "__main__":
    unittest.main()
