#!/usr/bin/env python3
"""booster-ui compatibility harness for skymesh's GraphQL endpoint (docs/webui-compat.md).

For every `<name>.graphql` in the directories given with --documents (each with an optional `<name>.json` holding
its variables), the harness

1. fetches the server's schema by the standard introspection query, rebuilds it with graphql-core's
   `build_client_schema` and validates the document against it;
2. rewrites the variables (and entity-id string literals in the document) so that they mean something on the
   live server: every Duration is re-anchored to "now" in the server's time zone, every example service,
   instance and endpoint (by name or by id) is replaced by one the server knows (see `Substitution`);
3. replays the document as booster-ui does (POST, JSON body {query, variables}, no operationName) and checks:
   HTTP 200, a JSON body, no `errors`, `data` not null, and the shape of `data` against the document's selection
   set and the introspected schema (`ShapeChecker`), plus the UI-specific checks of query-protocol.md §0.2/§2.3.

It prints one line per document and a summary, and exits 1 if anything failed (2 on usage or connection errors).
Only the Python standard library, graphql-core and requests are used.
"""

import argparse
import base64
import binascii
import datetime
import fnmatch
import json
import os
import re
import statistics
import sys
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import requests
from graphql import (GraphQLError, build_client_schema, get_introspection_query, get_named_type, is_abstract_type,
                     is_enum_type, is_leaf_type, is_list_type, is_non_null_type, is_object_type, parse, validate)
from graphql.execution.values import get_directive_values, get_variable_values
from graphql.language import (FieldNode, FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode,
                              StringValueNode, Visitor, visit)
from graphql.type import (GraphQLIncludeDirective, GraphQLSkipDirective, SchemaMetaFieldDef, TypeMetaFieldDef,
                          TypeNameMetaFieldDef)
from graphql.utilities import value_from_ast_untyped

# ---------------------------------------------------------------------------------------------------------------
# HTTP


class HarnessError(Exception):
    """A problem that stops the whole run (the server cannot be reached, the schema cannot be fetched...)."""


@dataclass
class Reply:
    """One HTTP exchange with the GraphQL endpoint."""

    status: int
    body: object  # the parsed JSON, or None when the body is not JSON
    text: str
    seconds: float


class Client:
    """Posts GraphQL requests exactly as booster-ui does (query-protocol.md §0.1)."""

    HEADERS = {"Content-Type": "application/json", "accept": "application/json"}

    def __init__(self, url, timeout=30.0):
        self.url = url
        self.timeout = timeout
        self.session = requests.Session()

    def post(self, query, variables=None):
        """Sends {"query", "variables"} (no operationName) and returns a `Reply`; raises HarnessError when the
        server cannot be reached at all."""
        body = {"query": query, "variables": variables if variables is not None else {}}
        started = time.perf_counter()
        try:
            response = self.session.post(self.url, data=json.dumps(body), headers=self.HEADERS,
                                         timeout=self.timeout)
        except requests.RequestException as error:
            raise HarnessError(f"POST {self.url} failed: {error}") from error
        seconds = time.perf_counter() - started
        try:
            parsed = response.json()
        except ValueError:
            parsed = None
        return Reply(response.status_code, parsed, response.text, seconds)

    def data(self, query, variables=None):
        """Runs a request of the harness's own (schema introspection, discovery) and returns its `data`; raises
        HarnessError with the reason when the answer is not a clean 200 with data."""
        reply = self.post(query, variables)
        if reply.status != 200 or not isinstance(reply.body, dict):
            raise HarnessError(f"HTTP {reply.status}: {reply.text[:300]}")
        if reply.body.get("errors"):
            raise HarnessError("errors: " + "; ".join(error_messages(reply.body["errors"])))
        if reply.body.get("data") is None:
            raise HarnessError("data is null")
        return reply.body["data"]


def error_messages(errors):
    """The `message` of each GraphQL error (or its JSON when it has none)."""
    if not isinstance(errors, list):
        return [json.dumps(errors)[:200]]
    return [e.get("message", json.dumps(e)) if isinstance(e, dict) else json.dumps(e) for e in errors]


def fetch_schema(client):
    """The server's schema: the standard introspection query, rebuilt with `build_client_schema`."""
    try:
        data = client.data(get_introspection_query(descriptions=True))
        return build_client_schema(data)
    except HarnessError as error:
        raise HarnessError(f"introspection failed: {error}") from error
    except (TypeError, GraphQLError) as error:
        raise HarnessError(f"introspection result does not build a schema: {error}") from error


# ---------------------------------------------------------------------------------------------------------------
# Documents


@dataclass
class Document:
    """One `.graphql` file and its variables (`{}` when it has no `.json`)."""

    name: str
    directory: str
    text: str
    variables: dict

    @property
    def label(self):
        """The name shown in the output: `dir/name`, with the directory's last component."""
        return f"{os.path.basename(os.path.normpath(self.directory))}/{self.name}"


def load_documents(directories, only=(), skip=()):
    """Every `.graphql` of the directories (sorted by name), with its `.json` variables, filtered by --only and
    --skip (shell patterns, or substrings, matched against the file's base name)."""

    def matches(name, patterns):
        return any(fnmatch.fnmatchcase(name, p) or p in name for p in patterns)

    documents = []
    for directory in directories:
        if not os.path.isdir(directory):
            raise HarnessError(f"not a directory: {directory}")
        for filename in sorted(os.listdir(directory)):
            if not filename.endswith(".graphql"):
                continue
            name = filename[: -len(".graphql")]
            if (only and not matches(name, only)) or (skip and matches(name, skip)):
                continue
            with open(os.path.join(directory, filename), encoding="utf-8") as f:
                text = f.read()
            variables = {}
            json_path = os.path.join(directory, name + ".json")
            if os.path.exists(json_path):
                with open(json_path, encoding="utf-8") as f:
                    variables = json.load(f)
                if not isinstance(variables, dict):
                    raise HarnessError(f"{json_path}: variables must be a JSON object")
            documents.append(Document(name, directory, text, variables))
    return documents


def validate_text(schema, text):
    """Parses and validates a document; returns the AST and the list of error messages (empty when valid)."""
    try:
        ast = parse(text)
    except GraphQLError as error:
        return None, [f"syntax: {error.message}"]
    return ast, [error.message for error in validate(schema, ast)]


# ---------------------------------------------------------------------------------------------------------------
# Time: Durations re-anchored to now in the server's time zone (query-protocol.md §2.1)

STEP_FORMATS = {"SECOND": "%Y-%m-%d %H%M%S", "MINUTE": "%Y-%m-%d %H%M", "HOUR": "%Y-%m-%d %H", "DAY": "%Y-%m-%d"}
# How far back each step's window reaches (the UI: last 30 minutes at MINUTE by default, HOUR up to 24 h, DAY
# beyond; the log/trace queries use SECOND over the last minutes).
STEP_WINDOWS = {"SECOND": datetime.timedelta(minutes=15), "MINUTE": datetime.timedelta(minutes=30),
                "HOUR": datetime.timedelta(hours=6), "DAY": datetime.timedelta(days=7)}
STEP_UNITS = {"SECOND": datetime.timedelta(seconds=1), "MINUTE": datetime.timedelta(minutes=1),
              "HOUR": datetime.timedelta(hours=1)}


class Clock:
    """The server's "now" and time zone, from `getTimeInfo` when the schema has it (else the local clock, UTC)."""

    def __init__(self, now_ms=None, timezone="+0000"):
        self.timezone = timezone
        self.tz = parse_timezone(timezone)
        self.now = (datetime.datetime.fromtimestamp(now_ms / 1000, datetime.timezone.utc) if now_ms is not None
                    else datetime.datetime.now(datetime.timezone.utc)).astimezone(self.tz)

    def duration(self, step, cold_stage=None):
        """A Duration {start, end, step} ending now, covering STEP_WINDOWS[step], formatted as the UI does."""
        start = self.now - STEP_WINDOWS[step]
        duration = {"start": start.strftime(STEP_FORMATS[step]), "end": self.now.strftime(STEP_FORMATS[step]),
                    "step": step}
        if cold_stage is not None:
            duration["coldStage"] = cold_stage
        return duration


def parse_timezone(text):
    """`+0800` → a fixed-offset tzinfo (the format `getTimeInfo.timezone` uses)."""
    match = re.fullmatch(r"([+-])(\d\d):?(\d\d)", text or "")
    if not match:
        raise HarnessError(f"getTimeInfo.timezone {text!r} is not ±HHMM")
    sign = 1 if match.group(1) == "+" else -1
    return datetime.timezone(sign * datetime.timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))


def is_duration(value):
    """A Duration input value: an object whose start, end and step are strings and step is a Step value."""
    return (isinstance(value, dict) and isinstance(value.get("start"), str) and isinstance(value.get("end"), str)
            and value.get("step") in STEP_FORMATS)


def duration_points(duration, tz):
    """The time buckets of a Duration (both ends inclusive, §2.1), or None when it does not parse or the step is
    DAY-less-regular (months are not a Step)."""
    step = duration["step"]
    try:
        start = datetime.datetime.strptime(duration["start"], STEP_FORMATS[step]).replace(tzinfo=tz)
        end = datetime.datetime.strptime(duration["end"], STEP_FORMATS[step]).replace(tzinfo=tz)
    except ValueError:
        return None
    unit = STEP_UNITS.get(step, datetime.timedelta(days=1))
    points = []
    while start <= end and len(points) <= 10000:
        points.append(start)
        start += unit
    return points


# ---------------------------------------------------------------------------------------------------------------
# Entity ids (IDManager, query-protocol.md §2.2)

B64 = r"[A-Za-z0-9+/]+={0,2}"
SERVICE_ID = re.compile(rf"({B64})\.([01])")
CHILD_ID = re.compile(rf"({B64}\.[01])_({B64})")


def b64(name):
    """Standard Base64 with padding of the UTF-8 bytes; a blank name is `_blank` first."""
    return base64.b64encode((name or "_blank").encode()).decode()


def unb64(text):
    """The UTF-8 text of a Base64 string, or None when it is not valid padded Base64 of UTF-8 text."""
    try:
        decoded = base64.b64decode(text, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return decoded if decoded and decoded.isprintable() else None


def service_id(name, normal=True):
    """IDManager's service id: b64(name) + ".1" (normal) or ".0"."""
    return f"{b64(name)}.{1 if normal else 0}"


def child_id(service, name):
    """IDManager's instance or endpoint id: serviceId + "_" + b64(name)."""
    return f"{service}_{b64(name)}"


def parse_service_id(text):
    """(name, normal) of a service id, or None."""
    match = SERVICE_ID.fullmatch(text) if isinstance(text, str) else None
    name = match and unb64(match.group(1))
    return (name, match.group(2) == "1") if name else None


def parse_child_id(text):
    """(service name, normal, child name) of an instance or endpoint id, or None."""
    match = CHILD_ID.fullmatch(text) if isinstance(text, str) else None
    if not match:
        return None
    service, child = parse_service_id(match.group(1)), unb64(match.group(2))
    return (service[0], service[1], child) if service and child else None


def looks_like_endpoint(name):
    """Mesh endpoint names are `METHOD:/path` (als: `GET:/productpage`), instance names are pod names."""
    return re.match(r"^[A-Z]+:/", name) is not None


# Keys whose string values are ids of a known kind (variables and document arguments alike).
SERVICE_ID_KEYS = {"serviceId", "clientServiceId", "serverServiceId", "serviceIds", "parentServiceId"}
INSTANCE_ID_KEYS = {"instanceId", "serviceInstanceId", "instanceIds", "serviceInstanceIds"}
ENDPOINT_ID_KEYS = {"endpointId", "endpointIds"}
# Keys of entity-like input objects (Entity, SourceInput, *Condition, TopNCondition) naming services, instances
# and endpoints; each pair is (service key, child key, normal key).
SERVICE_NAME_KEYS = [("serviceName", "normal"), ("destServiceName", "destNormal"), ("service", None),
                     ("parentService", "normal")]
INSTANCE_NAME_KEYS = [("serviceName", "serviceInstanceName"), ("destServiceName", "destServiceInstanceName"),
                      ("service", "serviceInstance"), ("serviceName", "instanceName")]
ENDPOINT_NAME_KEYS = [("serviceName", "endpointName"), ("destServiceName", "destEndpointName"),
                      ("service", "endpoint")]


# ---------------------------------------------------------------------------------------------------------------
# Discovery: the entities the live server knows


@dataclass
class World:
    """What the server knows: services (name → id, normal), their instances and endpoints (names, in the order
    the server lists them), service relations (source name, target name) and instance relations."""

    services: "OrderedDict[str, dict]" = field(default_factory=OrderedDict)
    instances: dict = field(default_factory=dict)  # service name → [instance name]
    endpoints: dict = field(default_factory=dict)  # service name → [endpoint name]
    relations: list = field(default_factory=list)  # [(source service, target service)]
    tcp_only: set = field(default_factory=set)  # services whose topology node type is tcp (databases)
    instance_relations: list = field(default_factory=list)  # [((service, instance), (service, instance))]
    problems: list = field(default_factory=list)  # discovery answers that break the id rules


def root_fields(schema):
    """The names of the Query type's fields."""
    return set(schema.query_type.fields) if schema.query_type else set()


def discover(client, schema, clock, layer="MESH"):
    """Asks the server what exists, with the harness's own small queries (only those the schema has):
    `listServices(layer)`, `listInstances` and `findEndpoint` per service, `getServicesTopology` over them all
    and `getServiceInstanceTopology` per related pair. The ids it answers are checked against IDManager's rules."""
    world = World()
    fields = root_fields(schema)
    if "listServices" not in fields:
        return world
    duration = clock.duration("MINUTE", cold_stage=False)
    data = client.data("query ($layer: String) { listServices(layer: $layer) { id name normal } }",
                       {"layer": layer})
    for service in data["listServices"]:
        world.services[service["name"]] = service
        expected = service_id(service["name"], service.get("normal") is not False)
        if service["id"] != expected:
            world.problems.append(f"listServices: {service['name']!r} has id {service['id']!r}, IDManager gives "
                                  f"{expected!r}")
    for name, service in world.services.items():
        if "listInstances" in fields:
            data = client.data("query ($id: ID!, $d: Duration!) { listInstances(serviceId: $id, duration: $d) "
                               "{ id name } }", {"id": service["id"], "d": duration})
            world.instances[name] = [i["name"] for i in data["listInstances"]]
            world.problems += [f"listInstances: instance {i['name']!r} has id {i['id']!r}, IDManager gives "
                               f"{child_id(service['id'], i['name'])!r}"
                               for i in data["listInstances"] if i["id"] != child_id(service["id"], i["name"])]
        if "findEndpoint" in fields:
            data = client.data("query ($id: ID!, $d: Duration) { findEndpoint(serviceId: $id, keyword: \"\", "
                               "limit: 100, duration: $d) { id name } }", {"id": service["id"], "d": duration})
            world.endpoints[name] = [e["name"] for e in data["findEndpoint"]]
            world.problems += [f"findEndpoint: endpoint {e['name']!r} has id {e['id']!r}, IDManager gives "
                               f"{child_id(service['id'], e['name'])!r}"
                               for e in data["findEndpoint"] if e["id"] != child_id(service["id"], e["name"])]
    if "getServicesTopology" in fields and world.services:
        data = client.data("query ($ids: [ID!]!, $d: Duration!) { getServicesTopology(serviceIds: $ids, "
                           "duration: $d) { nodes { id name isReal type } calls { source target detectPoints "
                           "sourceComponents targetComponents } } }",
                           {"ids": [s["id"] for s in world.services.values()], "d": duration})
        topology = data["getServicesTopology"] or {"nodes": [], "calls": []}
        names = {node["id"]: node["name"] for node in topology["nodes"]}
        world.tcp_only = {node["name"] for node in topology["nodes"] if node.get("type") == "tcp"}

        def tcp(call):
            return "tcp" in call.get("sourceComponents", []) + call.get("targetComponents", [])

        # Relations seen from both sides first, then HTTP/gRPC before TCP (a database has no HTTP metrics, so an
        # example HTTP relation mapped onto it would answer empty series), then by name.
        calls = sorted(topology["calls"], key=lambda c: (-len(c["detectPoints"]), tcp(c), names.get(c["source"], ""),
                                                          names.get(c["target"], "")))
        for call in calls:
            source, target = names.get(call["source"]), names.get(call["target"])
            if source in world.services and target in world.services:
                world.relations.append((source, target))
    if "getServiceInstanceTopology" in fields:
        for source, target in world.relations:
            data = client.data("query ($c: ID!, $s: ID!, $d: Duration!) { getServiceInstanceTopology("
                               "clientServiceId: $c, serverServiceId: $s, duration: $d) { nodes { id name "
                               "serviceName } calls { source target } } }",
                               {"c": world.services[source]["id"], "s": world.services[target]["id"], "d": duration})
            topology = data["getServiceInstanceTopology"] or {"nodes": [], "calls": []}
            nodes = {node["id"]: (node["serviceName"], node["name"]) for node in topology["nodes"]}
            for call in topology["calls"]:
                pair = (nodes.get(call["source"]), nodes.get(call["target"]))
                if None not in pair and pair[0][0] == source and pair[1][0] == target:
                    world.instance_relations.append(pair)
    return world


# ---------------------------------------------------------------------------------------------------------------
# Substitution: example names and ids → entities of the live server


@dataclass
class Examples:
    """Every entity the documents' variables and literals mention, counted (so the most used ones get the best
    matches): service names, (service, instance) and (service, endpoint) pairs, service-name relations and
    instance relations."""

    services: Counter = field(default_factory=Counter)
    instances: Counter = field(default_factory=Counter)
    endpoints: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    instance_relations: Counter = field(default_factory=Counter)


def walk_references(value, visit_service, visit_instance, visit_endpoint, key=None):
    """Calls the visitors for every entity reference in a JSON value: strings that parse as ids (`rewrite_id`),
    and names in entity-like objects (SERVICE_NAME_KEYS, INSTANCE_NAME_KEYS, ENDPOINT_NAME_KEYS). Returns the
    value with every reference replaced by what the visitors return (the new name, or the one given)."""
    if isinstance(value, list):
        return [walk_references(item, visit_service, visit_instance, visit_endpoint, key) for item in value]
    if isinstance(value, str):
        return rewrite_id(value, key, visit_service, visit_instance, visit_endpoint)
    if not isinstance(value, dict) or is_duration(value):
        return value
    result = {k: walk_references(v, visit_service, visit_instance, visit_endpoint, k) for k, v in value.items()}
    for service_key, normal_key in SERVICE_NAME_KEYS:
        if isinstance(value.get(service_key), str) and value[service_key]:
            result[service_key] = visit_service(value[service_key], value.get(normal_key) is not False)
    for service_key, child_key in INSTANCE_NAME_KEYS:
        if isinstance(value.get(service_key), str) and value[service_key] and value.get(child_key):
            result[child_key] = visit_instance(value[service_key], value[child_key])
    for service_key, child_key in ENDPOINT_NAME_KEYS:
        if isinstance(value.get(service_key), str) and value[service_key] and value.get(child_key):
            result[child_key] = visit_endpoint(value[service_key], value[child_key])
    return result


def rewrite_id(text, key, visit_service, visit_instance, visit_endpoint):
    """One string: a service id (under any key), or an instance/endpoint id (under a key that says which, or by
    the shape of the decoded name); anything else is returned unchanged."""
    parsed = parse_service_id(text)
    if parsed:
        name = visit_service(parsed[0], parsed[1])
        return service_id(name, parsed[1])
    parsed = parse_child_id(text)
    if not parsed:
        return text
    service, normal, child = parsed
    if key in ENDPOINT_ID_KEYS or (key not in INSTANCE_ID_KEYS and looks_like_endpoint(child)):
        new_service, new_child = visit_service(service, normal), visit_endpoint(service, child)
    else:
        new_service, new_child = visit_service(service, normal), visit_instance(service, child)
    return child_id(service_id(new_service, normal), new_child)


def entity_relations(value, examples):
    """Adds the relations an entity-like object states (serviceName → destServiceName, and the instance pair)."""
    if isinstance(value, list):
        for item in value:
            entity_relations(item, examples)
    elif isinstance(value, dict):
        source, target = value.get("serviceName"), value.get("destServiceName")
        if source and target:
            examples.relations[(source, target)] += 1
            if value.get("serviceInstanceName") and value.get("destServiceInstanceName"):
                examples.instance_relations[((source, value["serviceInstanceName"]),
                                             (target, value["destServiceInstanceName"]))] += 1
        for item in value.values():
            entity_relations(item, examples)


def literal_arguments(ast):
    """Every string literal given to an argument or input-object field in the document: (node, key) pairs."""
    found = []

    class Collector(Visitor):
        def enter_argument(self, node, *_):
            if isinstance(node.value, StringValueNode):
                found.append((node.value, node.name.value))

        def enter_object_field(self, node, *_):
            if isinstance(node.value, StringValueNode):
                found.append((node.value, node.name.value))

    visit(ast, Collector())
    return found


class Substitution:
    """The map from each example service, instance and endpoint to one of the live server (printed with -v):

    1. a name the server knows maps to itself (an instance or endpoint: when its service's mapping has it);
    2. example service relations (serviceName → destServiceName in an entity), most used first, map onto
       relations the server's topology has, unused ones first, so relation metrics and instance maps have data;
    3. the remaining example services map onto the server's services in order (TCP-only ones, databases, last),
       unused ones first, then round robin; a name seen with a relation keeps its relation's choice;
    4. example instance relations map onto the server's instance relations of the chosen service pair, then each
       service's remaining example instances (and endpoints) onto that service's instances (endpoints) in the
       order the server lists them, round robin;
    5. ids are rebuilt from the mapped names with IDManager's rules (§2.2).

    With an empty world (no listServices in the schema, or no data) every name maps to itself."""

    def __init__(self, examples, world):
        self.services, self.instances, self.endpoints = {}, {}, {}
        # Services with HTTP/gRPC traffic first: the examples are HTTP services with HTTP metrics.
        real = sorted(world.services, key=lambda name: name in world.tcp_only)
        used = set()
        for name in examples.services:
            if name in world.services:
                self.services[name] = name
                used.add(name)
        for (source, target), _ in examples.relations.most_common():
            choice = self._relation_for(source, target, world.relations, used)
            if choice:
                for example, chosen in ((source, choice[0]), (target, choice[1])):
                    self.services.setdefault(example, chosen)
                    used.add(chosen)
        spare = [name for name in real if name not in used] or real
        unmapped = [name for name, _ in examples.services.most_common() if name not in self.services]
        for index, name in enumerate(unmapped if real else ()):
            self.services[name] = spare[index % len(spare)]
        for (service, name) in examples.instances:
            if name in world.instances.get(self.service(service), []):
                self.instances[(service, name)] = name
        for ((s, si), (t, ti)), _ in examples.instance_relations.most_common():
            mapped = (self.service(s), self.service(t))
            for (rs, ri), (rt, rti) in world.instance_relations:
                if (rs, rt) == mapped and self.instances.get((s, si), ri) == ri \
                        and self.instances.get((t, ti), rti) == rti:
                    self.instances[(s, si)], self.instances[(t, ti)] = ri, rti
                    break
        self._fill(examples.instances, world.instances, self.instances)
        self._fill(examples.endpoints, world.endpoints, self.endpoints)

    def _relation_for(self, source, target, relations, used):
        """A server relation compatible with what source and target already map to, unused services first."""
        wanted = (self.services.get(source), self.services.get(target))
        compatible = [r for r in relations if wanted[0] in (None, r[0]) and wanted[1] in (None, r[1])]
        fresh = [r for r in compatible if (wanted[0] or r[0] not in used) and (wanted[1] or r[1] not in used)]
        return (fresh or compatible or [None])[0]

    def _fill(self, example_counts, real_children, mapping):
        """Maps each service's example children (most used first) onto the mapped service's real children, the
        ones not yet taken first, round robin."""
        by_service = {}
        for (service, child), _ in example_counts.most_common():
            by_service.setdefault(service, []).append(child)
        for service, children in by_service.items():
            real = real_children.get(self.service(service), [])
            if not real:
                continue
            taken = {v for (s, _), v in mapping.items() if s == service}
            free = [name for name in real if name not in taken] or real
            position = 0
            for child in children:
                if (service, child) in mapping:
                    continue
                if child in real:
                    mapping[(service, child)] = child
                    continue
                mapping[(service, child)] = free[position % len(free)]
                position += 1

    def service(self, name, normal=True):
        """The live service name for an example service name."""
        return self.services.get(name, name)

    def instance(self, service, name):
        """The live instance name for an example (service, instance)."""
        return self.instances.get((service, name), name)

    def endpoint(self, service, name):
        """The live endpoint name for an example (service, endpoint)."""
        return self.endpoints.get((service, name), name)

    def variables(self, variables, clock):
        """The variables with every Duration re-anchored to now and every entity reference substituted."""
        return rewrite_durations(walk_references(variables, self.service, self.instance, self.endpoint), clock)

    def document(self, text, ast):
        """The document text with entity-id string literals (e.g. the endpoint ids dyn-endpoint-dependencies
        inlines) substituted in place; the rest of the text is sent byte for byte."""
        edits = []
        for node, key in literal_arguments(ast):
            replacement = rewrite_id(node.value, key, self.service, self.instance, self.endpoint)
            if replacement != node.value and node.loc is not None:
                edits.append((node.loc.start, node.loc.end, json.dumps(replacement)))
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        return text

    def describe(self):
        """The map as printable lines (only the entries that change something)."""
        lines = [f"  service  {k!r} -> {v!r}" for k, v in self.services.items() if k != v]
        lines += [f"  instance {s!r}/{k!r} -> {v!r}" for (s, k), v in self.instances.items() if k != v]
        lines += [f"  endpoint {s!r}/{k!r} -> {v!r}" for (s, k), v in self.endpoints.items() if k != v]
        return lines


def collect_examples(documents_with_ast):
    """Counts every entity reference of every document (variables and literals) into an `Examples`."""
    examples = Examples()

    def on_service(name, normal=True):
        examples.services[name] += 1
        return name

    def on_instance(service, name):
        examples.services[service] += 0
        examples.instances[(service, name)] += 1
        return name

    def on_endpoint(service, name):
        examples.services[service] += 0
        examples.endpoints[(service, name)] += 1
        return name

    for document, ast in documents_with_ast:
        walk_references(document.variables, on_service, on_instance, on_endpoint)
        entity_relations(document.variables, examples)
        if ast is not None:
            for node, key in literal_arguments(ast):
                rewrite_id(node.value, key, on_service, on_instance, on_endpoint)
    return examples


def rewrite_durations(value, clock):
    """Every Duration object re-anchored to the clock (its step and coldStage kept)."""
    if isinstance(value, list):
        return [rewrite_durations(item, clock) for item in value]
    if not isinstance(value, dict):
        return value
    if is_duration(value):
        rewritten = dict(value)
        rewritten.update(clock.duration(value["step"]))
        return rewritten
    return {key: rewrite_durations(item, clock) for key, item in value.items()}


# ---------------------------------------------------------------------------------------------------------------
# Shape check: the response walked against the selection set and the schema

# Checks that hold whatever the schema says (query-protocol.md §0.2, §2.3): booster-ui dereferences these.
TOP_LEVEL_NON_NULL = {"hasQueryTracesV2Support", "getTimeInfo", "services", "pods", "topology"}
FIELD_CHECKS = {
    ("Service", "group"): (lambda v: isinstance(v, str), "must be a string (the UI calls .toUpperCase())"),
    ("ServiceInstance", "attributes"): (lambda v: isinstance(v, list), "must be a list (the UI reads .length)"),
    ("TimeInfo", "timezone"): (lambda v: isinstance(v, str) and re.fullmatch(r"[+-]\d{4}", v) is not None,
                               "must be ±HHMM (the UI divides it by 100)"),
    ("ExpressionResult", "results"): (lambda v: isinstance(v, list), "must be a list"),
    ("DashboardConfiguration", "configuration"): (
        lambda v: isinstance(v, str) and dashboard_problem(v) is None,
        "must be the JSON text of an object with name, layer, entity and isRoot (the UI JSON.parses it)"),
}


def dashboard_problem(text):
    """Why a dashboard `configuration` is not what the UI indexes dashboards by (§2.3), or None."""
    try:
        value = json.loads(text)
    except ValueError as error:
        return f"not JSON: {error}"
    if not isinstance(value, dict):
        return "not a JSON object"
    missing = [key for key in ("name", "layer", "entity", "isRoot") if key not in value]
    return f"lacks {', '.join(missing)}" if missing else None
# Legacy root fields answering one series point per Duration point (query-protocol.md §5.1).
LEGACY_SERIES = {"readMetricsValues", "readLabeledMetricsValues", "getLinearIntValues", "getMultipleLinearIntValues",
                 "getSubsetOfMultipleLinearIntValues"}
# MQE values are strings the UI passes to Number() (§3.1): plain decimals, NaN or ∞.
MQE_VALUE = re.compile(r"-?\d+(\.\d+)?|NaN|-?∞")

INT_RANGE = (-(2 ** 31), 2 ** 31 - 1)


def scalar_problem(type_, value):
    """Why a leaf value does not serialize `type_`, or None."""
    name = type_.name
    if is_enum_type(type_):
        return None if isinstance(value, str) and value in type_.values else f"{value!r} is not a {name} value"
    if name == "Int":
        ok = isinstance(value, int) and not isinstance(value, bool) and INT_RANGE[0] <= value <= INT_RANGE[1]
    elif name == "Long":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif name == "Float":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif name in ("String", "ID"):
        ok = isinstance(value, str)
    elif name == "Boolean":
        ok = isinstance(value, bool)
    else:
        ok = True  # a custom scalar without a known JSON form
    return None if ok else f"{json.dumps(value)[:60]} is not a {name}"


class ShapeChecker:
    """Walks a response's `data` against the operation's selection set and the (introspected) schema: every
    selected response key present, nothing else present, non-null types never null, lists are lists, enums are
    valid values, scalars have their JSON type; aliases, fragments, inline fragments, @skip/@include and abstract
    types (through __typename when selected) handled. `problems` collects "path: message" lines; `notes`
    collects things worth showing that are not failures (MQE `error` texts)."""

    def __init__(self, schema, ast, variables, clock):
        self.schema = schema
        self.variables = variables
        self.clock = clock
        self.fragments = {d.name.value: d for d in ast.definitions if isinstance(d, FragmentDefinitionNode)}
        operations = [d for d in ast.definitions if isinstance(d, OperationDefinitionNode)]
        self.operation = operations[0]
        coerced = get_variable_values(schema, self.operation.variable_definitions or [], variables)
        self.variables = coerced if isinstance(coerced, dict) else variables  # a list means coercion errors
        self.problems = []
        self.notes = []
        self.mqe = Counter()  # execExpression results by mqe_outcome

    def check(self, data):
        """Checks the whole `data` object; returns the problems."""
        root = self.schema.get_root_type(self.operation.operation)
        if not isinstance(data, dict):
            self.problems.append(f"data: {json.dumps(data)[:60]} is not an object")
            return self.problems
        fields = self.collect(root, self.operation.selection_set)
        self.check_object(data, root, fields, "data")
        for key in fields:
            if key in TOP_LEVEL_NON_NULL and data.get(key) is None:
                self.problems.append(f"data.{key}: null, but booster-ui dereferences it (§0.2)")
        return self.problems

    def included(self, node):
        """Whether @skip/@include let a selection through."""
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (skip and skip["if"]) and not (include is not None and not include["if"])

    def applies(self, condition, type_):
        """Whether a fragment on `condition` applies to an object of `type_`: True, False, or None (unknown: the
        runtime type of an abstract value without __typename)."""
        if condition is None or condition is type_:
            return True
        if is_object_type(type_):
            return is_abstract_type(condition) and self.schema.is_sub_type(condition, type_)
        return None

    def collect(self, type_, selection_set, fields=None, optional=False, visited=None):
        """CollectFields (spec §6.3.2): response key → (field nodes, optional). `optional` marks fields of
        fragments whose applicability is unknown (they are checked when present and not required)."""
        fields = OrderedDict() if fields is None else fields
        visited = set() if visited is None else visited
        for selection in selection_set.selections:
            if not self.included(selection):
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                nodes, was_optional = fields.get(key, ([], True))
                fields[key] = (nodes + [selection], was_optional and optional)
                continue
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in visited or name not in self.fragments:
                    continue
                visited.add(name)
                fragment = self.fragments[name]
                condition, selections = fragment.type_condition, fragment.selection_set
            else:
                condition, selections = selection.type_condition, selection.selection_set
            condition_type = self.schema.get_type(condition.name.value) if condition else None
            applies = self.applies(condition_type, type_)
            if applies is not False:
                self.collect(type_, selections, fields, optional or applies is None, visited)
        return fields

    def field_type(self, parent, node):
        """The type of a selected field (meta fields included), or None when the schema lacks it."""
        name = node.name.value
        if name == "__typename":
            return TypeNameMetaFieldDef.type
        if parent is self.schema.query_type and name == "__schema":
            return SchemaMetaFieldDef.type
        if parent is self.schema.query_type and name == "__type":
            return TypeMetaFieldDef.type
        definition = getattr(parent, "fields", {}).get(name)
        return definition.type if definition else None

    def runtime_type(self, value, type_, selection_set):
        """The object type of a value of abstract `type_`: its selected __typename, or None."""
        for key, (nodes, _) in self.collect(type_, selection_set).items():
            if nodes[0].name.value == "__typename" and isinstance(value.get(key), str):
                found = self.schema.get_type(value[key])
                if found is not None and is_object_type(found):
                    return found
        return None

    def check_object(self, value, type_, fields, path):
        """One object value against its collected fields."""
        for key, (nodes, optional) in fields.items():
            if key not in value:
                if not optional:
                    self.problems.append(f"{path}.{key}: missing")
                continue
            field_type = self.field_type(type_, nodes[0])
            if field_type is None:
                self.problems.append(f"{path}.{key}: field {nodes[0].name.value} is not on {type_.name}")
                continue
            before = len(self.problems)
            self.check_value(value[key], field_type, nodes, f"{path}.{key}")
            check = FIELD_CHECKS.get((type_.name, nodes[0].name.value))
            if check and not check[0](value[key]) and len(self.problems) == before:
                self.problems.append(f"{path}.{key}: {json.dumps(value[key])[:60]} {check[1]}")
            if type_ is self.schema.query_type and nodes[0].name.value == "execExpression":
                self.check_expression(value[key], nodes[0], get_named_type(field_type), f"{path}.{key}")
            if type_ is self.schema.query_type and nodes[0].name.value in LEGACY_SERIES:
                self.check_legacy_series(value[key], nodes[0], get_named_type(field_type), f"{path}.{key}")
        if {"nodes", "calls"} <= set(getattr(type_, "fields", {})):
            self.check_topology(value, type_, fields, path)
        for key in value:
            if key not in fields:
                self.problems.append(f"{path}.{key}: not selected, but present")

    def check_value(self, value, type_, nodes, path):
        """One value against its (wrapped) type."""
        if is_non_null_type(type_):
            if value is None:
                self.problems.append(f"{path}: null for non-null {type_}")
                return
            type_ = type_.of_type
        if value is None:
            return
        if is_list_type(type_):
            if not isinstance(value, list):
                self.problems.append(f"{path}: {json.dumps(value)[:60]} is not a list ({type_})")
                return
            for index, item in enumerate(value):
                self.check_value(item, type_.of_type, nodes, f"{path}[{index}]")
            return
        if is_leaf_type(type_):
            problem = scalar_problem(type_, value)
            if problem:
                self.problems.append(f"{path}: {problem}")
            return
        if not isinstance(value, dict):
            self.problems.append(f"{path}: {json.dumps(value)[:60]} is not an object ({type_.name})")
            return
        merged = [s for node in nodes if node.selection_set for s in node.selection_set.selections]
        selection_set = nodes[0].selection_set.__class__(selections=tuple(merged))
        if is_abstract_type(type_):
            type_ = self.runtime_type(value, type_, selection_set) or type_
        self.check_object(value, type_, self.collect(type_, selection_set), path)

    def selected(self, type_, field_nodes):
        """{field name: (response key, field nodes, named type)} of what `field_nodes` select on `type_`, fragments
        resolved (the first response key of each field); {} when there is nothing to look into."""
        merged = [s for node in field_nodes or () if node.selection_set for s in node.selection_set.selections]
        if type_ is None or not merged:
            return {}
        selection_set = field_nodes[0].selection_set.__class__(selections=tuple(merged))
        found = {}
        for key, (nodes, _) in self.collect(type_, selection_set).items():
            field_type = self.field_type(type_, nodes[0])
            found.setdefault(nodes[0].name.value, (key, nodes, get_named_type(field_type) if field_type else None))
        return found

    def duration_points(self, node):
        """The points of the `duration` argument of a field, or None."""
        arguments = {a.name.value: value_from_ast_untyped(a.value, self.variables) for a in node.arguments}
        duration = arguments.get("duration")
        return duration_points(duration, self.clock.tz) if is_duration(duration) else None

    def check_expression(self, value, node, result_type, path):
        """The MQE checks of §3.1/§2.1 that the schema cannot express: a TIME_SERIES_VALUES series has exactly one
        value per Duration point; values are numeric strings; a top N entry has its owner. MQE `error` texts
        become notes; the outcome is counted for the summary."""
        if not isinstance(value, dict):
            return
        if value.get("error"):
            self.notes.append(f"{path}: MQE error {value['error']!r}")
        results_key, results_nodes, series_type = self.selected(result_type, [node]).get("results", (None,) * 3)
        values_key, values_nodes, point_type = self.selected(series_type, results_nodes).get("values", (None,) * 3)
        point_fields = self.selected(point_type, values_nodes)
        value_key = point_fields.get("value", (None,))[0]
        owner_key, owner_nodes, owner_type = point_fields.get("owner", (None,) * 3)
        owner_keys = {name: entry[0] for name, entry in self.selected(owner_type, owner_nodes).items()
                      if name in ("scope", "serviceID")}
        series_list = value.get(results_key) if results_key else None
        if not isinstance(series_list, list) or values_key is None:
            self.mqe["error" if value.get("error") else "empty"] += 1
            return
        expected = self.duration_points(node)
        has_value = False
        for index, series in enumerate(series_list):
            points = series.get(values_key) if isinstance(series, dict) else None
            if not isinstance(points, list):
                continue
            if value.get("type") == "TIME_SERIES_VALUES" and expected is not None and len(points) != len(expected):
                self.problems.append(f"{path}.{results_key}[{index}]: {len(points)} values for a Duration of "
                                     f"{len(expected)} points (§2.1: exactly one per point)")
            for point_index, point in enumerate(points):
                if not isinstance(point, dict):
                    continue
                where = f"{path}.{results_key}[{index}].{values_key}[{point_index}]"
                if value.get("type") in ("SORTED_LIST", "RECORD_LIST") and owner_key:
                    owner = point.get(owner_key)
                    if not isinstance(owner, dict) or any(owner.get(key) is None for key in owner_keys.values()):
                        self.problems.append(f"{where}.{owner_key}: {json.dumps(owner)[:80]}, but a top N entry "
                                             "needs its owner's scope and serviceID (the UI navigates by them, §3.1)")
                text = point.get(value_key) if value_key else None
                has_value = has_value or text is not None
                if isinstance(text, str) and not MQE_VALUE.fullmatch(text):
                    self.problems.append(f"{where}: value {text!r} is not a number the UI can read (§3.1)")
        self.mqe["error" if value.get("error") else "values" if has_value else "empty"] += 1

    def check_topology(self, value, type_, fields, path):
        """§2.3: nodes are the union of the calls' ends, so every call's source and target is the id of a node
        (the UI draws links between node ids), and node ids are unique (the UI de-duplicates by id)."""
        keys = {nodes[0].name.value: (key, nodes) for key, (nodes, _) in fields.items()}
        if "nodes" not in keys or "calls" not in keys:
            return
        node_keys = {name: entry[0] for name, entry in
                     self.selected(get_named_type(type_.fields["nodes"].type), keys["nodes"][1]).items()}
        call_keys = {name: entry[0] for name, entry in
                     self.selected(get_named_type(type_.fields["calls"].type), keys["calls"][1]).items()}
        nodes, calls = value.get(keys["nodes"][0]), value.get(keys["calls"][0])
        if "id" not in node_keys or not isinstance(nodes, list) or not isinstance(calls, list):
            return
        ids = [n.get(node_keys["id"]) for n in nodes if isinstance(n, dict)]
        duplicates = sorted({i for i in ids if ids.count(i) > 1 and i is not None})
        if duplicates:
            self.problems.append(f"{path}.{keys['nodes'][0]}: node ids {duplicates[:3]} appear more than once")
        for index, call in enumerate(calls):
            for end in ("source", "target"):
                if end in call_keys and isinstance(call, dict) and call.get(call_keys[end]) not in ids:
                    self.problems.append(f"{path}.{keys['calls'][0]}[{index}].{call_keys[end]}: "
                                         f"{call.get(call_keys[end])!r} is not the id of a node")

    def check_legacy_series(self, value, node, result_type, path):
        """§5.1: the legacy series APIs answer one KVInt per Duration point, in order (`values { values }`)."""
        expected = self.duration_points(node)
        outer_key, outer_nodes, outer_type = self.selected(result_type, [node]).get("values", (None,) * 3)
        inner_key = self.selected(outer_type, outer_nodes).get("values", (None,))[0]
        if expected is None or inner_key is None:
            return
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            series = item.get(outer_key) if isinstance(item, dict) else None
            points = series.get(inner_key) if isinstance(series, dict) else None
            where = f"{path}[{index}]" if isinstance(value, list) else path
            if isinstance(points, list) and len(points) != len(expected):
                self.problems.append(f"{where}.{outer_key}.{inner_key}: {len(points)} values for a Duration of "
                                     f"{len(expected)} points (§5.1: one per point)")


# ---------------------------------------------------------------------------------------------------------------
# Running


@dataclass
class Outcome:
    """What happened to one document."""

    document: Document
    problems: list
    notes: list = field(default_factory=list)
    seconds: float = None
    mqe: Counter = field(default_factory=Counter)


def replay(client, schema, document, ast, substitution, clock, repeat=1):
    """Sends one (valid) document with its rewritten variables and checks the answer; returns an `Outcome`. With
    `repeat` > 1 the request is sent that many times: the first answer is checked, the time is the median."""
    variables = substitution.variables(document.variables, clock)
    text = substitution.document(document.text, ast)
    reply = client.post(text, variables)
    times = [reply.seconds] + [client.post(text, variables).seconds for _ in range(repeat - 1)]
    outcome = Outcome(document, [], seconds=statistics.median(times))
    if reply.status != 200:
        outcome.problems.append(f"HTTP {reply.status}: {reply.text[:200]!r}")
        return outcome
    if not isinstance(reply.body, dict):
        outcome.problems.append(f"body is not a JSON object: {reply.text[:200]!r}")
        return outcome
    if reply.body.get("errors"):
        outcome.problems.append("errors: " + " | ".join(error_messages(reply.body["errors"])))
    if "data" not in reply.body or reply.body["data"] is None:
        outcome.problems.append("data is null or missing")
        return outcome
    checker = ShapeChecker(schema, ast, variables, clock)
    outcome.problems += checker.check(reply.body["data"])
    outcome.notes = checker.notes
    outcome.mqe = checker.mqe
    return outcome


def grouped_notes(notes):
    """Notes "path: text" grouped by text: "text (at path, path, ...)" with the paths of each."""
    by_text = OrderedDict()
    for note in notes:
        path, _, text = note.partition(": ")
        by_text.setdefault(text, []).append(path)
    lines = []
    for text, paths in by_text.items():
        shown = ", ".join(paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")
        lines.append(f"{text} (at {shown})")
    return lines


def percentile(values, fraction):
    """The nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


def run(args, out=sys.stdout):
    """The whole harness; returns the exit status."""
    client = Client(args.url, timeout=args.timeout)
    documents = load_documents(args.documents, args.only or (), args.skip or ())
    if not documents:
        raise HarnessError("no documents selected")
    schema = fetch_schema(client)
    print(f"schema: {len(schema.type_map)} types, {len(root_fields(schema))} query fields, "
          f"{len(documents)} documents", file=out)

    parsed = []  # (document, its AST when valid, its validation errors)
    for document in documents:
        ast, errors = validate_text(schema, document.text)
        parsed.append((document, None if errors else ast, errors))
    valid = [(d, a) for d, a, _ in parsed if a is not None]

    clock = Clock()
    global_problems = []
    world = World()
    if not args.validate_only:
        if "getTimeInfo" in root_fields(schema):
            try:
                info = client.data("{ getTimeInfo { timezone currentTimestamp } }")["getTimeInfo"] or {}
                clock = Clock(info.get("currentTimestamp"), info.get("timezone") or "+0000")
            except HarnessError as error:
                global_problems.append(f"getTimeInfo: {error}")
        try:
            world = discover(client, schema, clock, args.layer)
        except HarnessError as error:
            global_problems.append(f"discovery: {error}")
        global_problems += [f"discovery: {p}" for p in world.problems]
        if "listServices" in root_fields(schema) and not world.services and not args.allow_empty:
            global_problems.append(f"discovery: listServices(layer: {args.layer!r}) is empty; the harness needs a "
                                   "server that has received traffic (--allow-empty to go on)")
        print(f"server: now {clock.now.isoformat(timespec='seconds')} ({clock.timezone}); {len(world.services)} "
              f"{args.layer} services, {sum(map(len, world.instances.values()))} instances, "
              f"{sum(map(len, world.endpoints.values()))} endpoints, {len(world.relations)} relations, "
              f"{len(world.instance_relations)} instance relations", file=out)
    substitution = Substitution(collect_examples(valid), world)
    if args.verbose and not args.validate_only:
        print("substitution:", file=out)
        for line in substitution.describe() or ["  (nothing to substitute)"]:
            print(line, file=out)

    outcomes = []
    for document, ast, errors in parsed:
        if ast is None:
            outcome = Outcome(document, [f"invalid: {e}" for e in errors])
        elif args.validate_only:
            outcome = Outcome(document, [])
        else:
            try:
                outcome = replay(client, schema, document, ast, substitution, clock, args.repeat)
            except HarnessError as error:
                outcome = Outcome(document, [str(error)])
        outcomes.append(outcome)
        timing = f"{outcome.seconds * 1000:8.1f} ms" if outcome.seconds is not None else " " * 11
        print(f"{'FAIL' if outcome.problems else 'ok  '} {timing}  {document.label}", file=out)
        for problem in outcome.problems[: args.max_problems]:
            print(f"       {problem}", file=out)
        if len(outcome.problems) > args.max_problems:
            print(f"       ... {len(outcome.problems) - args.max_problems} more", file=out)
        if args.verbose:
            for note in grouped_notes(outcome.notes):
                print(f"       note: {note}", file=out)

    for problem in global_problems:
        print(f"FAIL {problem}", file=out)
    failed = [o for o in outcomes if o.problems]
    invalid = [o for o in outcomes if any(p.startswith(("invalid:", "syntax:")) for p in o.problems)]
    times = [o.seconds for o in outcomes if o.seconds is not None]
    notes = sum(len(o.notes) for o in outcomes)
    summary = (f"summary: {len(documents)} documents, {len(documents) - len(invalid)} valid, "
               f"{len(documents) - len(failed)} ok, {len(failed)} failed")
    if global_problems:
        summary += f", {len(global_problems)} discovery problems"
    if times:
        summary += (f"; replay p50 {statistics.median(times) * 1000:.1f} ms, p90 {percentile(times, 0.9) * 1000:.1f}"
                    f" ms, max {max(times) * 1000:.1f} ms")
    print(summary, file=out)
    mqe = sum((o.mqe for o in outcomes), Counter())
    if mqe:
        print(f"execExpression results: {mqe['values']} with values, {mqe['empty']} empty, {mqe['error']} with an "
              f"error" + ("" if args.verbose or not notes else " (-v shows the errors)"), file=out)
    return 1 if failed or global_problems else 0


def parse_arguments(argv=None):
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the GraphQL endpoint, e.g. http://127.0.0.1:12800/graphql")
    parser.add_argument("--documents", action="append", required=True, metavar="DIR",
                        help="a directory of NAME.graphql (+ NAME.json variables); repeatable")
    parser.add_argument("--only", action="append", metavar="PATTERN",
                        help="run only documents whose name matches (shell pattern or substring); repeatable")
    parser.add_argument("--skip", action="append", metavar="PATTERN", help="skip matching documents; repeatable")
    parser.add_argument("--validate-only", action="store_true", help="introspect and validate; do not replay")
    parser.add_argument("--layer", default="MESH", help="the layer whose services are discovered (MESH)")
    parser.add_argument("--allow-empty", action="store_true",
                        help="do not fail when the server knows no services (no substitution then)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request (30)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="send each document N times; its time is the median (1)")
    parser.add_argument("--max-problems", type=int, default=8, help="problems printed per document (8)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print the substitution map and MQE error notes")
    return parser.parse_args(argv)


def main(argv=None):
    """Entry point: runs the harness and exits with its status."""
    args = parse_arguments(argv)
    try:
        return run(args)
    except HarnessError as error:
        print(f"harness: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
