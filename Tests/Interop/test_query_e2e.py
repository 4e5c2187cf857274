"""End to end through the query protocol: a real gRPC client sends a scripted Istio mesh, skymesh analyzes it,
stores it in SQLite and answers SkyWalking's GraphQL query protocol over HTTP; every answer must equal what is
worked out below from the traffic sent (query-protocol.md §1, §2, §5; als-mxmesh.md §2, §4.11, §5.5).

The mesh, with the e2e naming rule `e2e::<canonical name>` and instances `<pod>.<namespace>`:

    (outside) → istio-ingressgateway ──http──▶ productpage ──http──▶ reviews (v1 with mTLS, v2 without)
                 (PROXY: UNKNOWN → gateway)     (mTLS inbound)
    ratings ──tcp──▶ mongodb (only mongodb's sidecar reports)

Peers: the gateway reports productpage as an Istio 1.6–1.23 FlatNode (`wasm.upstream_peer`); productpage reports
the gateway and reviews report productpage as Istio ≥ 1.24 node-metadata Structs (`downstream_peer`); productpage
reports reviews as ≥ 1.24 workload Structs (`upstream_peer`, lower-case keys). Calls fall in the two minutes
before the current one (M1, M2).
"""

import base64
import datetime
import json
import time

import grpc
import pytest

from conftest import Skymesh
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc
from test_analysis_e2e import flatnode_peer, http_entry, identifier, node_struct, struct_peer, tcp_entry

TOKEN = "e2e-als-s3cret"
MAPPING = 'serviceName: e2e::${LABELS."service.istio.io/canonical-name",SERVICE}\n' \
          "serviceInstanceName: ${NAME}.${NAMESPACE}\n"
BASE = int(time.time()) // 60 * 60 - 120  # the start of minute M1; M2 starts at BASE + 60
METHODS = {"GET": 1, "POST": 3}  # envoy.config.core.v3.RequestMethod


def b64(text):
    return base64.b64encode(text.encode()).decode()


def service_id(name):
    return f"{b64(name)}.1"


def instance_id(service, instance):
    return f"{service_id(service)}_{b64(instance)}"


def endpoint_id(service, endpoint):
    return f"{service_id(service)}_{b64(endpoint)}"


def bucket(seconds, layout="%Y-%m-%d %H%M"):
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(layout)


def duration(first, last, step="MINUTE"):
    layout = {"MINUTE": "%Y-%m-%d %H%M", "HOUR": "%Y-%m-%d %H", "DAY": "%Y-%m-%d", "SECOND": "%Y-%m-%d %H%M%S"}[step]
    return {"start": bucket(first, layout), "end": bucket(last, layout), "step": step, "coldStage": False}


# The window the UI would ask for (the last few minutes, up to now) and one that ends before the traffic.
WINDOW = duration(BASE - 300, time.time() + 60)
PAST = duration(BASE - 3600, BASE - 120)
MINUTES = [duration(BASE, BASE), duration(BASE + 60, BASE + 60)]  # M1 alone, M2 alone

GATEWAY, PRODUCTPAGE, REVIEWS, MONGODB = "e2e::istio-ingressgateway", "e2e::productpage", "e2e::reviews", "e2e::mongodb"
RATINGS, UNKNOWN = "e2e::ratings", "UNKNOWN"
GATEWAY_POD, PRODUCTPAGE_POD, MONGODB_POD = "istio-ingressgateway-1", "productpage-v1-x", "mongodb-v1-0"
REVIEWS_PODS = {"v1": "reviews-v1-abc", "v2": "reviews-v2-def"}
POD_NAMESPACE = {GATEWAY_POD: "istio-system", PRODUCTPAGE_POD: "default", MONGODB_POD: "default",
                 "reviews-v1-abc": "default", "reviews-v2-def": "default"}
INSTANCES = {GATEWAY: [GATEWAY_POD], PRODUCTPAGE: [PRODUCTPAGE_POD], REVIEWS: sorted(REVIEWS_PODS.values()),
             MONGODB: [MONGODB_POD]}

# The calls into productpage, as (second after BASE, method, path, code, latency ms): each is seen by the gateway
# (client side, plus the UNKNOWN → gateway fallback on the server side) and by productpage (server side, mTLS).
PRODUCTPAGE_CALLS = [(1, "GET", "/productpage", 200, 30), (2, "GET", "/productpage?u=normal", 200, 50),
                     (3, "GET", "/api/v1/products/1", 200, 70), (61, "POST", "/login", 200, 40)]
# productpage → reviews: (version, second, path, code, latency ms); seen by productpage (client) and reviews.
REVIEWS_CALLS = [("v1", 5, "/reviews/0", 200, 20), ("v1", 6, "/reviews/0", 503, 600),
                 ("v2", 7, "/reviews/1", 200, 25), ("v2", 65, "/reviews/0", 200, 35), ("v2", 66, "/reviews/1", 200, 45)]
MTLS_VERSIONS = {"v1"}  # reviews-v2 takes plain text (PERMISSIVE)
# ratings → mongodb over TCP: (second, received bytes, sent bytes), reported by mongodb's sidecar only.
MONGODB_TCP = [(8, 100, 200), (68, 300, 400)]


def endpoint_name(method, path):
    return f"{method}:{path.split('?')[0]}"  # skymesh drops the query string by default (docs/compat.md)


def timed(entry, second, method="GET"):
    entry.common_properties.start_time.seconds = BASE + second
    if "request" in entry.DESCRIPTOR.fields_by_name:  # HTTP
        entry.request.request_method = METHODS[method]
    return entry


def stream(node_id, metadata, http=(), tcp=()):
    message = als_v3.StreamAccessLogsMessage()
    message.identifier.CopyFrom(identifier(node_id, metadata))
    for entry in http:
        message.http_logs.log_entry.add().CopyFrom(entry)
    for entry in tcp:
        message.tcp_logs.log_entry.add().CopyFrom(entry)
    return message


def sidecar(pod, app):
    return f"sidecar~10.0.0.2~{pod}.default~default.svc.cluster.local", node_struct(pod, app)


def gateway_stream():
    """The ingress gateway (router~: PROXY role); the upstream peer as a FlatNode, no downstream peer."""
    peer = {"wasm.upstream_peer": flatnode_peer(PRODUCTPAGE_POD, "default", {
        "app": "productpage", "service.istio.io/canonical-name": "productpage"})}
    entries = [timed(http_entry(0, peer, code=code, path=path, to_last_downstream_ms=latency + 5,
                                to_first_upstream_ms=2, to_last_upstream_ms=latency + 2), second, method)
               for second, method, path, code, latency in PRODUCTPAGE_CALLS]
    return stream(f"router~10.0.0.9~{GATEWAY_POD}.istio-system~istio-system.svc.cluster.local",
                  node_struct(GATEWAY_POD, "istio-ingressgateway", namespace="istio-system"), http=entries)


def productpage_stream():
    """productpage's sidecar: the gateway's calls inbound (mTLS), then its calls to reviews outbound."""
    gateway_peer = {"downstream_peer": struct_peer({"NAME": GATEWAY_POD, "NAMESPACE": "istio-system", "LABELS": {
        "app": "istio-ingressgateway", "service.istio.io/canonical-name": "istio-ingressgateway"}})}
    inbound = [timed(http_entry(0, gateway_peer, code=code, path=path, to_last_downstream_ms=latency, mtls=True),
                     second, method) for second, method, path, code, latency in PRODUCTPAGE_CALLS]
    outbound = []
    for version, second, path, code, latency in REVIEWS_CALLS:
        peer = {"upstream_peer": struct_peer({"name": REVIEWS_PODS[version], "namespace": "default",
                                              "service": "reviews", "workload": f"reviews-{version}"})}
        outbound.append(timed(http_entry(0, peer, code=code, path=path, to_first_upstream_ms=1,
                                         to_last_upstream_ms=latency + 1), second))
    return stream(*sidecar(PRODUCTPAGE_POD, "productpage"), http=inbound + outbound)


def reviews_stream(version):
    """One reviews instance's sidecar: productpage's calls inbound, mTLS only on v1."""
    peer = {"downstream_peer": struct_peer({"NAME": PRODUCTPAGE_POD, "NAMESPACE": "default", "LABELS": {
        "service.istio.io/canonical-name": "productpage"}})}
    entries = [timed(http_entry(0, peer, code=code, path=path, to_last_downstream_ms=latency,
                                mtls=version in MTLS_VERSIONS), second)
               for v, second, path, code, latency in REVIEWS_CALLS if v == version]
    return stream(*sidecar(REVIEWS_PODS[version], "reviews"), http=entries)


def mongodb_stream():
    peer = {"downstream_peer": struct_peer({"NAME": "ratings-v1-q", "NAMESPACE": "default", "LABELS": {
        "app": "ratings", "service.istio.io/canonical-name": "ratings"}})}
    entries = [timed(tcp_entry(0, peer, received, sent), second) for second, received, sent in MONGODB_TCP]
    return stream(*sidecar(MONGODB_POD, "mongodb"), tcp=entries)


def send(server, messages):
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        for message in messages:  # one stream per proxy, as Envoy does
            _, call = stub.StreamAccessLogs.with_call(iter([message]), timeout=10,
                                                      metadata=(("authentication", TOKEN),))
            assert call.code() == grpc.StatusCode.OK


SERVICES_QUERY = "query ($layer: String) { listServices(layer: $layer) { id name group shortName layers normal } }"


@pytest.fixture(scope="module")
def mesh(tmp_path_factory):
    """skymesh with the scripted mesh flushed into its database."""
    directory = tmp_path_factory.mktemp("query-e2e")
    mapping = directory / "metadata-service-mapping.yaml"
    mapping.write_text(MAPPING)
    server = Skymesh(directory, "--flush-interval", "200ms", "--service-mapping-file", str(mapping),
                     "--grpc-authentication-token", TOKEN, "--minute-ttl-days", "3", "--metrics-ttl-days", "9")
    try:
        server.mapping_path = str(mapping)
        send(server, [gateway_stream(), productpage_stream(), reviews_stream("v1"), reviews_stream("v2"),
                      mongodb_stream()])
        expected = {GATEWAY, PRODUCTPAGE, REVIEWS, MONGODB}
        deadline = time.time() + 20
        while {s["name"] for s in server.graphql(SERVICES_QUERY, {"layer": "MESH"})["listServices"]} != expected:
            assert time.time() < deadline, "the services were not flushed within 20 s"
            time.sleep(0.1)
        # Every stream was answered before the first poll, and a flush writes what all shards hold: one more flush
        # interval and everything sent is in the database.
        time.sleep(0.5)
        yield server
    finally:
        code = server.stop()
        assert code == 0, open(server.log_path).read()


def errors_of(server, query, variables=None):
    """The GraphQL errors of a request that must fail at execution: HTTP 200, `data` present, `errors`."""
    status, body = server.graphql_response(query, variables)
    assert status == 200, (status, body)
    assert "data" in body and body.get("errors"), body
    assert all(error["message"] for error in body["errors"]), body
    return body


# Metadata ------------------------------------------------------------------------------------------------------

def expected_service(name):
    group, _, short = name.partition("::") if "::" in name else ("", "", name)
    return {"id": service_id(name), "name": name, "group": group, "shortName": short, "layers": ["MESH"],
            "normal": True}


def test_list_get_find_services(mesh):
    # Only destinations of server-side metrics are services: not UNKNOWN (the gateway fallback's source) and not
    # ratings (only ever a source), als-mxmesh.md §2.6.
    expected = sorted((expected_service(n) for n in [GATEWAY, PRODUCTPAGE, REVIEWS, MONGODB]), key=lambda s: s["id"])
    assert expected[0]["group"] == "e2e" and expected[0]["shortName"] == "istio-ingressgateway"
    for layer in ["MESH", None]:
        services = mesh.graphql(SERVICES_QUERY, {"layer": layer})["listServices"]
        assert sorted(services, key=lambda s: s["id"]) == expected
    assert mesh.graphql(SERVICES_QUERY, {"layer": "GENERAL"})["listServices"] == []

    fields = "id name group shortName layers normal"
    for service in expected:
        data = mesh.graphql(f"query ($id: String!, $name: String!) {{ getService(serviceId: $id) {{ {fields} }} "
                            f"findService(serviceName: $name) {{ {fields} }} }}",
                            {"id": service["id"], "name": service["name"]})
        assert data == {"getService": service, "findService": service}


def test_list_and_get_instances(mesh):
    query = """query ($duration: Duration!, $serviceId: ID!) {
      listInstances(duration: $duration, serviceId: $serviceId) {
        id name language instanceUUID attributes { name value } } }"""
    for service, pods in INSTANCES.items():
        instances = mesh.graphql(query, {"duration": WINDOW, "serviceId": service_id(service)})["listInstances"]
        expected = []
        for pod in pods:
            name = f"{pod}.{POD_NAMESPACE[pod]}"
            expected.append({"id": instance_id(service, name), "name": name, "language": "UNKNOWN",
                             "instanceUUID": instance_id(service, name),
                             "attributes": {"pod": pod, "namespace": POD_NAMESPACE[pod]}})
        for instance in instances:
            attributes = [(a["name"], a["value"]) for a in instance["attributes"]]
            assert len(dict(attributes)) == len(attributes), instance  # no attribute twice
            instance["attributes"] = dict(attributes)
        assert sorted(instances, key=lambda i: i["name"]) == expected

        for instance in expected:
            got = mesh.graphql("query ($id: String!) { getInstance(instanceId: $id) { id name language instanceUUID "
                               "attributes { name value } } }", {"id": instance["id"]})["getInstance"]
            got["attributes"] = {a["name"]: a["value"] for a in got["attributes"]}
            assert got == instance
        # A window that ends before the first call sees no instance.
        past = mesh.graphql(query, {"duration": PAST, "serviceId": service_id(service)})["listInstances"]
        assert past == []
    # One minute at a time: an instance is listed in the minutes it was called in (reviews-v1 only in M1).
    for index, window in enumerate(MINUTES):
        called = sorted(f"{REVIEWS_PODS[v]}.default" for v, second, *_ in REVIEWS_CALLS if second // 60 == index)
        instances = mesh.graphql(query, {"duration": window, "serviceId": service_id(REVIEWS)})["listInstances"]
        assert sorted(i["name"] for i in instances) == sorted(set(called)), index
    assert "reviews-v1-abc.default" not in str(instances)


def test_find_endpoint_and_endpoint_info(mesh):
    query = """query ($keyword: String, $serviceId: ID!, $limit: Int!, $duration: Duration) {
      findEndpoint(keyword: $keyword, serviceId: $serviceId, limit: $limit, duration: $duration) { id name } }"""

    def find(service, keyword="", limit=20, window=WINDOW):
        return mesh.graphql(query, {"keyword": keyword, "serviceId": service_id(service), "limit": limit,
                                    "duration": window})["findEndpoint"]

    def endpoints(service, names):
        return sorted(({"id": endpoint_id(service, n), "name": n} for n in names), key=lambda e: e["name"])

    productpage = {endpoint_name(m, p) for _, m, p, _, _ in PRODUCTPAGE_CALLS}
    assert productpage == {"GET:/productpage", "GET:/api/v1/products/1", "POST:/login"}
    assert sorted(find(PRODUCTPAGE), key=lambda e: e["name"]) == endpoints(PRODUCTPAGE, productpage)
    # The gateway's server side (the UNKNOWN fallback) carries the same endpoints.
    assert sorted(find(GATEWAY), key=lambda e: e["name"]) == endpoints(GATEWAY, productpage)
    reviews = {endpoint_name("GET", p) for _, _, p, _, _ in REVIEWS_CALLS}
    assert sorted(find(REVIEWS), key=lambda e: e["name"]) == endpoints(REVIEWS, reviews)
    assert find(MONGODB) == []  # TCP has no endpoints
    # Newest first: POST:/login is the only endpoint of productpage called in M2.
    newest = max(PRODUCTPAGE_CALLS)
    assert find(PRODUCTPAGE, limit=1) == endpoints(PRODUCTPAGE, [endpoint_name(newest[1], newest[2])])
    # Keyword: a substring of the name.
    matching = {n for n in productpage if "product" in n}
    assert len(matching) == 2
    assert sorted(find(PRODUCTPAGE, "product"), key=lambda e: e["name"]) == endpoints(PRODUCTPAGE, matching)
    assert len(find(PRODUCTPAGE, "product", limit=1)) == 1
    assert find(PRODUCTPAGE, "no-such-path") == []
    # No duration: all time; a window before the traffic: nothing.
    assert sorted(find(PRODUCTPAGE, window=None), key=lambda e: e["name"]) == endpoints(PRODUCTPAGE, productpage)
    assert find(PRODUCTPAGE, window=PAST) == []
    for index, window in enumerate(MINUTES):  # M1: the two GETs; M2: POST:/login
        called = {endpoint_name(m, p) for second, m, p, _, _ in PRODUCTPAGE_CALLS if second // 60 == index}
        assert sorted(find(PRODUCTPAGE, window=window), key=lambda e: e["name"]) == endpoints(PRODUCTPAGE, called)
    # The keyword matches case-insensitively (docs/query.md).
    assert sorted(find(PRODUCTPAGE, "PRODUCT"), key=lambda e: e["name"]) == endpoints(PRODUCTPAGE, matching)

    info = "query ($id: ID!) { getEndpointInfo(endpointId: $id) { id name serviceId serviceName } }"
    for service, name in [(REVIEWS, "GET:/reviews/1"), (PRODUCTPAGE, "POST:/login"),
                          ("e2e::never-seen", "GET:/decoded/from/the/id")]:  # decoded from the id alone
        eid = endpoint_id(service, name)
        assert mesh.graphql(info, {"id": eid})["getEndpointInfo"] == {
            "id": eid, "name": name, "serviceId": service_id(service), "serviceName": service}


# Topology ------------------------------------------------------------------------------------------------------

TOPOLOGY_FIELDS = """nodes { id name type isReal layers }
  calls { id source target sourceComponents targetComponents detectPoints }"""


def expected_calls(minutes=(0, 1)):
    """The service calls of the mesh in `minutes` (0 = M1, 1 = M2), worked out from what each proxy reported
    (als-mxmesh.md §5.5): a client row gives CLIENT and the client's components, a server row SERVER and the
    server's (the client side's TLS mode is always NONE)."""
    calls = {}
    within = lambda second: second // 60 in minutes

    def add(source, target, side, components):
        call = calls.setdefault((source, target), {"CLIENT": set(), "SERVER": set(), "sides": []})
        call[side] |= components
        if side not in call["sides"]:
            call["sides"].append(side)

    for second, *_ in filter(lambda c: within(c[0]), PRODUCTPAGE_CALLS):
        add(GATEWAY, PRODUCTPAGE, "CLIENT", {"http"})       # the gateway's upstream peer
        add(GATEWAY, PRODUCTPAGE, "SERVER", {"http", "mtls"})  # productpage's inbound, mTLS
        add(UNKNOWN, GATEWAY, "SERVER", {"http"})            # the PROXY fallback, no TLS
    for version, second, *_ in filter(lambda c: within(c[1]), REVIEWS_CALLS):
        add(PRODUCTPAGE, REVIEWS, "CLIENT", {"http"})
        add(PRODUCTPAGE, REVIEWS, "SERVER", {"http", "mtls"} if version in MTLS_VERSIONS else {"http"})
    for second, *_ in filter(lambda c: within(c[0]), MONGODB_TCP):
        add(RATINGS, MONGODB, "SERVER", {"tcp"})
    result = {}
    for (source, target), call in calls.items():
        cid = f"{service_id(source)}-{service_id(target)}"
        result[cid] = {"id": cid, "source": service_id(source), "target": service_id(target),
                       "sourceComponents": sorted(call["CLIENT"]), "targetComponents": sorted(call["SERVER"]),
                       "detectPoints": [side for side in ["CLIENT", "SERVER"] if side in call["sides"]]}
    return result


LISTED = {GATEWAY, PRODUCTPAGE, REVIEWS, MONGODB}  # the services with a MESH service row


def expected_topology(calls):
    """Nodes of `calls`: real (`.1`), layers from the service list (else UNDEFINED), type the server-side
    component of the calls into it, `http` winning over `mtls`/`tls`; a node with none takes the client-side
    component of the calls into it, then of the calls out of it (docs/compat.md: OAP leaves a source-only node
    untyped)."""
    names = {service_id(n): n for n in [GATEWAY, PRODUCTPAGE, REVIEWS, MONGODB, RATINGS, UNKNOWN]}
    nodes = {}
    for call in calls.values():
        for end in ["source", "target"]:
            name = names[call[end]]
            nodes.setdefault(call[end], {"id": call[end], "name": name, "type": None, "isReal": True,
                                         "layers": ["MESH"] if name in LISTED else ["UNDEFINED"]})
    def best(components):
        ranked = [c for c in ["http", "GRPC", "rpc", "tcp", "tls", "mtls"] if c in components]
        return ranked[0] if ranked else None

    for end, side in [("target", "targetComponents"), ("target", "sourceComponents"), ("source", "sourceComponents")]:
        for call in calls.values():
            node = nodes[call[end]]
            if node["type"] is None and best(call[side]):
                node["type"] = best(call[side])
    return nodes


def topology_of(answer):
    calls = {}
    for call in answer["calls"]:
        assert call["id"] not in calls, answer
        calls[call["id"]] = dict(call, sourceComponents=sorted(call["sourceComponents"]),
                                 targetComponents=sorted(call["targetComponents"]))
    nodes = {}
    for node in answer["nodes"]:
        assert node["id"] not in nodes, answer
        nodes[node["id"]] = node
    return nodes, calls


def services_topology(server, ids, window=WINDOW):
    return server.graphql(f"query ($ids: [ID!]!, $duration: Duration!) {{ getServicesTopology(serviceIds: $ids, "
                          f"duration: $duration) {{ {TOPOLOGY_FIELDS} }} }}",
                          {"ids": ids, "duration": window})["getServicesTopology"]


def source_only_typed(calls):
    """The nodes OAP leaves without a type although they make client-side calls: real nodes that are never the
    target of a call in the answer (ServiceTopologyBuilder sets a type only on targets, and on conjectured nodes).
    skymesh gives them the component of their outgoing calls (see test_source_only_nodes_have_no_type)."""
    targets = {call["target"] for call in calls.values()}
    return {call["source"] for call in calls.values() if call["source"] not in targets and call["sourceComponents"]}


def without_source_only_types(nodes, calls):
    return {nid: {k: v for k, v in node.items() if k != "type" or nid not in source_only_typed(calls)}
            for nid, node in nodes.items()}


def test_services_topology_as_the_ui_asks(mesh):
    every = expected_calls()
    assert len(every) == 4
    gateway_productpage = every[f"{service_id(GATEWAY)}-{service_id(PRODUCTPAGE)}"]
    assert gateway_productpage["sourceComponents"] == ["http"]
    assert gateway_productpage["targetComponents"] == ["http", "mtls"]
    assert gateway_productpage["detectPoints"] == ["CLIENT", "SERVER"]

    # The service dashboard's map: productpage, then (depth 2) the nodes the first answer added.
    first_ids = [service_id(PRODUCTPAGE)]
    nodes, calls = topology_of(services_topology(mesh, first_ids))
    want = {k: c for k, c in every.items() if c["source"] in first_ids or c["target"] in first_ids}
    assert calls == want
    assert without_source_only_types(nodes, want) == without_source_only_types(expected_topology(want), want)
    assert source_only_typed(want) == {service_id(GATEWAY)}  # here the gateway only calls

    second_ids = sorted(set(nodes) - set(first_ids))
    assert second_ids == sorted([service_id(GATEWAY), service_id(REVIEWS)])
    nodes2, calls2 = topology_of(services_topology(mesh, second_ids))
    want2 = {k: c for k, c in every.items() if c["source"] in second_ids or c["target"] in second_ids}
    assert calls2 == want2
    assert source_only_typed(want2) == set()
    assert nodes2 == expected_topology(want2)
    unknown = nodes2[service_id(UNKNOWN)]
    assert unknown == {"id": "VU5LTk9XTg==.1", "name": "UNKNOWN", "type": None, "isReal": True,
                       "layers": ["UNDEFINED"]}
    assert nodes2[service_id(GATEWAY)]["type"] == "http"  # the target of UNKNOWN → gateway

    # The services list's map: every MESH service at once.
    all_ids = [s["id"] for s in mesh.graphql(SERVICES_QUERY, {"layer": "MESH"})["listServices"]]
    nodes, calls = topology_of(services_topology(mesh, all_ids))
    assert calls == every
    assert source_only_typed(every) == set()
    assert nodes == expected_topology(every)
    assert nodes[service_id(MONGODB)]["type"] == "tcp"
    assert nodes[service_id(RATINGS)]["layers"] == ["UNDEFINED"]

    # Before the traffic: no calls, no nodes.
    assert services_topology(mesh, all_ids, PAST) == {"nodes": [], "calls": []}


def test_source_only_nodes_take_their_client_side_type(mesh):
    want = {k: c for k, c in expected_calls().items() if service_id(PRODUCTPAGE) in (c["source"], c["target"])}
    nodes, _ = topology_of(services_topology(mesh, [service_id(PRODUCTPAGE)]))
    assert nodes[service_id(GATEWAY)] == expected_topology(want)[service_id(GATEWAY)]
    assert nodes[service_id(GATEWAY)]["type"] == "http"


def test_global_topology(mesh):
    every = expected_calls()
    query = f"""query ($duration: Duration!, $layer: String) {{
      getGlobalTopology(duration: $duration, layer: $layer) {{ {TOPOLOGY_FIELDS} }} }}"""
    for layer in ["MESH", None]:
        nodes, calls = topology_of(mesh.graphql(query, {"duration": WINDOW, "layer": layer})["getGlobalTopology"])
        assert calls == every
        assert nodes == expected_topology(every)
    assert mesh.graphql(query, {"duration": WINDOW, "layer": "GENERAL"})["getGlobalTopology"] == {
        "nodes": [], "calls": []}
    # One minute at a time: in M2 productpage → reviews has no mTLS (only reviews-v1 has it, called in M1 only).
    for index, window in enumerate(MINUTES):
        want = expected_calls((index,))
        nodes, calls = topology_of(mesh.graphql(query, {"duration": window, "layer": "MESH"})["getGlobalTopology"])
        assert calls == want, index
        assert nodes == expected_topology(want), index
    assert want[f"{service_id(PRODUCTPAGE)}-{service_id(REVIEWS)}"]["targetComponents"] == ["http"]


def expected_instance_topology(pair, minutes=(0, 1)):
    """The instance topology between the services of `pair` (either direction) in `minutes`: one call per
    instance pair with the sides that reported it, no components, nodes of type "" (query-protocol.md §2.3)."""
    gateway, productpage = f"{GATEWAY_POD}.istio-system", f"{PRODUCTPAGE_POD}.default"
    sides = {}
    for second, *_ in PRODUCTPAGE_CALLS:
        if second // 60 in minutes:
            sides.setdefault((GATEWAY, gateway, PRODUCTPAGE, productpage), set()).update({"CLIENT", "SERVER"})
            sides.setdefault((UNKNOWN, "UNKNOWN", GATEWAY, gateway), set()).add("SERVER")  # the PROXY fallback
    for version, second, *_ in REVIEWS_CALLS:
        if second // 60 in minutes:
            sides.setdefault((PRODUCTPAGE, productpage, REVIEWS, f"{REVIEWS_PODS[version]}.default"), set()).update(
                {"CLIENT", "SERVER"})
    for second, *_ in MONGODB_TCP:
        if second // 60 in minutes:
            sides.setdefault((RATINGS, "ratings-v1-q.default", MONGODB, f"{MONGODB_POD}.default"), set()).add("SERVER")
    nodes, calls = {}, {}
    for (source_service, source, target_service, target), detected in sides.items():
        if {source_service, target_service} != set(pair):
            continue
        for service, instance in [(source_service, source), (target_service, target)]:
            nodes[instance_id(service, instance)] = {"id": instance_id(service, instance), "name": instance,
                                                     "serviceId": service_id(service), "serviceName": service,
                                                     "type": "", "isReal": True}
        cid = f"{instance_id(source_service, source)}-{instance_id(target_service, target)}"
        calls[cid] = {"id": cid, "source": instance_id(source_service, source),
                      "target": instance_id(target_service, target), "sourceComponents": [], "targetComponents": [],
                      "detectPoints": [side for side in ["CLIENT", "SERVER"] if side in detected]}
    return nodes, calls


def test_service_instance_topology_either_order(mesh):
    query = """query ($client: ID!, $server: ID!, $duration: Duration!) {
      getServiceInstanceTopology(clientServiceId: $client, serverServiceId: $server, duration: $duration) {
        nodes { id name serviceId serviceName type isReal }
        calls { id source target sourceComponents targetComponents detectPoints } } }"""

    def instance_topology(client, server, window=WINDOW):
        return topology_of(mesh.graphql(query, {"client": service_id(client), "server": service_id(server),
                                                "duration": window})["getServiceInstanceTopology"])

    want = expected_instance_topology((PRODUCTPAGE, REVIEWS))
    assert len(want[1]) == 2  # productpage → reviews-v1 and → reviews-v2, each seen by both sidecars
    for pair in [(PRODUCTPAGE, REVIEWS), (GATEWAY, PRODUCTPAGE), (UNKNOWN, GATEWAY), (RATINGS, MONGODB),
                 (PRODUCTPAGE, MONGODB)]:
        want = expected_instance_topology(pair)
        # The UI sends the relation's source as the server: the pair is unordered.
        assert instance_topology(*pair) == want, pair
        assert instance_topology(*reversed(pair)) == want, pair
    # In M2 only reviews-v2 was called.
    want = expected_instance_topology((PRODUCTPAGE, REVIEWS), minutes=(1,))
    assert [n["name"] for n in want[0].values() if n["serviceName"] == REVIEWS] == ["reviews-v2-def.default"]
    assert instance_topology(REVIEWS, PRODUCTPAGE, MINUTES[1]) == want


# Server, UI configuration and REST ------------------------------------------------------------------------------

def test_menu_time_ttl_version(mesh):
    data = mesh.graphql("""{ getMenuItems { title icon layer activate description documentLink i18nKey
        subItems { title icon layer activate i18nKey subItems { title } } }
      getTimeInfo { timezone currentTimestamp } getMetricsTTL { metadata minute hour day coldMinute coldHour coldDay }
      getRecordsTTL { normal trace zipkinTrace log browserErrorLog coldNormal coldTrace coldZipkinTrace coldLog
        coldBrowserErrorLog }
      version hasQueryTracesV2Support }""")
    mesh_groups = [item for item in data["getMenuItems"] if item["title"] == "Service Mesh"]
    assert len(mesh_groups) == 1
    group = mesh_groups[0]
    assert (group["layer"], group["icon"], group["i18nKey"], group["activate"]) == ("", "service_mesh",
                                                                                     "service_mesh", True)
    leaves = {leaf["layer"]: leaf for leaf in group["subItems"]}
    assert leaves["MESH"]["title"] == "Services" and leaves["MESH"]["i18nKey"] == "service_mesh_service"
    assert leaves["MESH"]["activate"] is True  # MESH has services
    for layer, leaf in leaves.items():
        assert leaf["subItems"] == []
        if layer != "MESH":
            assert leaf["activate"] is False, leaf  # nothing feeds MESH_CP / MESH_DP
    time_info = data["getTimeInfo"]
    assert time_info["timezone"] == "+0000"
    assert abs(time_info["currentTimestamp"] - time.time() * 1000) < 10_000
    assert data["getMetricsTTL"] == {"metadata": 9, "minute": 3, "hour": 9, "day": 9, "coldMinute": -1,
                                     "coldHour": -1, "coldDay": -1}
    assert all(isinstance(v, int) for v in data["getRecordsTTL"].values())
    assert data["hasQueryTracesV2Support"] is False
    assert isinstance(data["version"], str) and data["version"]
    assert mesh.graphql("mutation { version }")["version"] == data["version"]

    status, text = mesh.request("GET", "/status/config/ttl")
    assert status == 200
    assert json.loads(text) == {"metrics": data["getMetricsTTL"], "records": data["getRecordsTTL"]}


def test_rest_side_endpoints(mesh):
    status, text = mesh.request("GET", "/status/cluster/nodes")
    assert status == 200
    (node,) = json.loads(text)["nodes"]
    assert (node["host"], node["self"]) == ("127.0.0.1", True)
    status, text = mesh.request("GET", "/debugging/config/dump")
    assert status == 200
    dump = json.loads(text)
    assert dump and all(isinstance(k, str) and isinstance(v, str) for k, v in dump.items())
    # The options the server was started with, by their YAML keys (docs/configuration.md).
    assert (dump["storage.minuteTTLDays"], dump["storage.metricsTTLDays"], dump["storage.flushInterval"]) == (
        "3", "9", "200ms")
    assert dump["analysis.serviceMappingFile"] == mesh.mapping_path
    assert dump["grpc.authenticationToken"] and TOKEN not in text  # a secret is never dumped
    assert mesh.request("GET", "/healthcheck")[0] == 200


def test_cluster_nodes_report_the_bound_grpc_port(mesh):
    status, text = mesh.request("GET", "/status/cluster/nodes")
    assert (status, json.loads(text)) == (200, {"nodes": [{"host": "127.0.0.1", "port": mesh.grpc_port,
                                                           "self": True}]})


TEMPLATE_FIELDS = "id status message"
ADD = f"mutation ($c: String!) {{ addTemplate(setting: {{configuration: $c}}) {{ {TEMPLATE_FIELDS} }} }}"
CHANGE = (f"mutation ($id: String!, $c: String!) {{ changeTemplate(setting: {{id: $id, configuration: $c}}) "
          f"{{ {TEMPLATE_FIELDS} }} }}")
DISABLE = f"mutation ($id: String!) {{ disableTemplate(id: $id) {{ {TEMPLATE_FIELDS} }} }}"
ALL_TEMPLATES = "{ getAllTemplates { id configuration } }"
DASHBOARD = {"name": "e2e-Service", "layer": "MESH", "entity": "Service", "isRoot": False, "children": []}


def test_template_mutations_refused_by_default(mesh):
    before = mesh.graphql(ALL_TEMPLATES)["getAllTemplates"]
    for query, variables in [(ADD, {"c": json.dumps(DASHBOARD)}), (CHANGE, {"id": "x", "c": json.dumps(DASHBOARD)}),
                             (DISABLE, {"id": "x"})]:
        (status,) = mesh.graphql(query, variables).values()
        assert status["status"] is False and status["message"], status
    assert mesh.graphql(ALL_TEMPLATES)["getAllTemplates"] == before


def test_template_updates_survive_a_restart(start_skymesh):
    server = start_skymesh("--ui-template-updates", "true", "--flush-interval", "200ms")
    # No traffic yet: the MESH menu leaf is inactive.
    (group,) = [g for g in server.graphql("{ getMenuItems { title activate subItems { layer activate } } }")[
        "getMenuItems"] if g["title"] == "Service Mesh"]
    assert group["activate"] is False and not any(leaf["activate"] for leaf in group["subItems"])
    before = server.graphql(ALL_TEMPLATES)["getAllTemplates"]

    added = server.graphql(ADD, {"c": json.dumps(DASHBOARD)})["addTemplate"]
    assert added["status"] is True and added["id"], added
    template_id = added["id"]
    assert {"id": template_id, "configuration": json.dumps(DASHBOARD)} in server.graphql(ALL_TEMPLATES)[
        "getAllTemplates"]
    changed_configuration = json.dumps(dict(DASHBOARD, name="e2e-Service-2"))
    changed = server.graphql(CHANGE, {"id": template_id, "c": changed_configuration})["changeTemplate"]
    assert (changed["id"], changed["status"]) == (template_id, True)
    # Not JSON objects: refused, the stored template unchanged.
    for invalid in ["[1, 2]", "not json", '"a string"', ""]:
        refused = server.graphql(CHANGE, {"id": template_id, "c": invalid})["changeTemplate"]
        assert refused["status"] is False and refused["message"], (invalid, refused)
        refused = server.graphql(ADD, {"c": invalid})["addTemplate"]
        assert refused["status"] is False and refused["message"], (invalid, refused)
    missing = server.graphql(CHANGE, {"id": "no-such-template", "c": changed_configuration})["changeTemplate"]
    assert missing["status"] is False and missing["message"]

    assert server.stop() == 0, server.log_text()
    server = start_skymesh(*server.extra_args, directory=server.directory)  # the same database
    templates = server.graphql(ALL_TEMPLATES)["getAllTemplates"]
    assert sorted(templates, key=lambda t: t["id"]) == sorted(
        before + [{"id": template_id, "configuration": changed_configuration}], key=lambda t: t["id"])
    assert server.graphql("query ($id: String!) { getTemplate(id: $id) { id configuration } }", {"id": template_id})[
        "getTemplate"] == {"id": template_id, "configuration": changed_configuration}
    disabled = server.graphql(DISABLE, {"id": template_id})["disableTemplate"]
    assert (disabled["id"], disabled["status"]) == (template_id, True)
    assert server.graphql(ALL_TEMPLATES)["getAllTemplates"] == before


# Errors and stubs ----------------------------------------------------------------------------------------------

def test_malformed_ids_are_errors(mesh):
    reviews = service_id(REVIEWS)
    for bad in [b64(REVIEWS), f"{b64(REVIEWS)}.1.1", "%%%not-base64%%%.1", ""]:
        body = errors_of(mesh, "query ($id: String!) { getService(serviceId: $id) { id } }", {"id": bad})
        assert body["data"] == {"getService": None}, (bad, body)
    for bad in [reviews, f"{reviews}_%%%", f"{reviews}_a_b"]:
        body = errors_of(mesh, "query ($id: String!) { getInstance(instanceId: $id) { id } }", {"id": bad})
        assert body["data"] == {"getInstance": None}, (bad, body)
    for bad in [reviews, "no-underscore", f"{reviews}_%%%"]:
        body = errors_of(mesh, "query ($id: ID!) { getEndpointInfo(endpointId: $id) { id } }", {"id": bad})
        assert body["data"] == {"getEndpointInfo": None}, (bad, body)
    # A non-null root field that fails nulls `data` as a whole.
    body = errors_of(mesh, "query ($d: Duration!) { listInstances(duration: $d, serviceId: \"bad\") { id } }",
                     {"d": WINDOW})
    assert body["data"] is None
    body = errors_of(mesh, "query ($d: Duration!) { getServicesTopology(serviceIds: [\"bad\"], duration: $d) "
                           "{ nodes { id } } }", {"d": WINDOW})
    assert body["data"] == {"getServicesTopology": None}


def test_malformed_durations_are_errors(mesh):
    query = ("query ($d: Duration!) { getServicesTopology(serviceIds: [\"%s\"], duration: $d) { nodes { id } } }"
             % service_id(PRODUCTPAGE))
    bad = [
        {"start": "2026-01-05 10", "end": "2026-01-05 11", "step": "MINUTE"},        # the HOUR layout at MINUTE
        {"start": "2026-01-05 1000", "end": "2026-01-05 1100", "step": "HOUR"},      # the MINUTE layout at HOUR
        {"start": "2026-01-05", "end": "2026-01-05 11", "step": "DAY"},              # end in another layout
        {"start": "2026-01-05T1000", "end": "2026-01-05T1100", "step": "MINUTE"},    # wrong separators
        {"start": "2026-02-30 1000", "end": "2026-03-01 1000", "step": "MINUTE"},    # no 30 February
        {"start": "2026-01-05 2460", "end": "2026-01-06 0100", "step": "MINUTE"},    # hour 24, minute 60
        {"start": "2026-01-05 100060", "end": "2026-01-05 100100", "step": "SECOND"},  # second 60
        {"start": "2026-01-05 1000", "end": "2026-01-05 1001", "step": "SECOND"},    # the MINUTE layout at SECOND
        {"start": "2026-01-05 1000", "end": "2026-01-05 0959", "step": "MINUTE"},    # end before start
        {"start": "2026-01-05", "end": "2026-01-04", "step": "DAY"},                 # end before start
    ]
    for duration_value in bad:
        body = errors_of(mesh, query, {"d": duration_value})
        assert body["data"] == {"getServicesTopology": None}, (duration_value, body)
    # The same window as a well-formed HOUR and DAY duration works.
    for step in ["HOUR", "DAY"]:
        calls = services_topology(mesh, [service_id(PRODUCTPAGE)], duration(BASE - 300, time.time(), step))["calls"]
        assert len(calls) == 2, (step, calls)
    # SECOND (the UI's step for logs and traces) reads the minutes the seconds fall in: M2 alone has no mTLS call
    # into reviews.
    nodes, calls = topology_of(services_topology(mesh, [service_id(REVIEWS)], duration(BASE + 60, BASE + 119,
                                                                                       "SECOND")))
    assert calls == {k: c for k, c in expected_calls((1,)).items() if c["target"] == service_id(REVIEWS)}


def test_unknown_entities_are_empty_not_errors(mesh):
    nobody = service_id("e2e::nobody")
    data = mesh.graphql("""query ($id: String!, $sid: ID!, $d: Duration!, $iid: String!) {
      getService(serviceId: $id) { id } findService(serviceName: "e2e::nobody") { id }
      listInstances(duration: $d, serviceId: $sid) { id }
      getInstance(instanceId: $iid) { id }
      findEndpoint(keyword: "", serviceId: $sid, limit: 20, duration: $d) { id }
      getServicesTopology(serviceIds: [$sid], duration: $d) { nodes { id } calls { id } }
      getServiceInstanceTopology(clientServiceId: $sid, serverServiceId: $sid, duration: $d) {
        nodes { id } calls { id } } }""",
                        {"id": nobody, "sid": nobody, "d": WINDOW, "iid": f"{nobody}_{b64('pod-1.default')}"})
    assert data == {"getService": None, "findService": None, "listInstances": [], "getInstance": None,
                    "findEndpoint": [], "getServicesTopology": {"nodes": [], "calls": []},
                    "getServiceInstanceTopology": {"nodes": [], "calls": []}}


def test_validation_error_is_http_400(mesh):
    status, body = mesh.graphql_response("{ listServices(layer: \"MESH\") { id noSuchField } }")
    assert status == 400 and body["errors"] and "data" not in body, (status, body)
    status, body = mesh.graphql_response("{ noSuchRoot }")
    assert status == 400 and body["errors"], (status, body)


def test_stubs_answer_empty_well_typed_values(mesh):
    paging = {"pageNum": 1, "pageSize": 15}
    data = mesh.graphql("""query ($events: EventQueryCondition, $logs: LogQueryCondition, $d: Duration!,
                                 $paging: Pagination!, $traces: TraceQueryCondition) {
      queryEvents(condition: $events) { events { uuid name type message startTime endTime layer
        source { service serviceInstance endpoint } parameters { key value } } }
      queryLogs(condition: $logs) { errorReason logs { serviceName content timestamp contentType tags { key value } } }
      getAlarm(duration: $d, paging: $paging) { msgs { id name message startTime scope tags { key value } } }
      queryBasicTraces(condition: $traces) { traces { segmentId endpointNames duration start isError traceIds } }
      supportQueryLogsByKeywords }""", {
        "events": {"paging": paging, "time": WINDOW, "source": {"service": PRODUCTPAGE, "endpoint": "",
                                                                 "serviceInstance": ""}},
        "logs": {"serviceId": service_id(PRODUCTPAGE), "queryDuration": WINDOW, "paging": paging},
        "d": WINDOW, "paging": paging,
        "traces": {"serviceId": service_id(PRODUCTPAGE), "queryDuration": WINDOW, "traceState": "ALL",
                   "queryOrder": "BY_START_TIME", "paging": paging}})
    assert data == {"queryEvents": {"events": []}, "queryLogs": {"errorReason": None, "logs": []},
                    "getAlarm": {"msgs": []}, "queryBasicTraces": {"traces": []},
                    "supportQueryLogsByKeywords": False}


# Legacy metric APIs (query-protocol.md §5.1) -----------------------------------------------------------------------
# Values are worked out per time bucket from the calls sent, with OAL's functions (als-mxmesh.md §5.3).

def server_calls(service):
    """(second, code, latency ms) of every server-side call into `service`: the gateway's are the PROXY
    fallback's, whose latency is the gateway's own (to the last downstream byte: 5 ms more than productpage's)."""
    if service == PRODUCTPAGE:
        return [(second, code, latency) for second, _, _, code, latency in PRODUCTPAGE_CALLS]
    if service == GATEWAY:
        return [(second, code, latency + 5) for second, _, _, code, latency in PRODUCTPAGE_CALLS]
    if service == REVIEWS:
        return [(second, code, latency) for _, second, _, code, latency in REVIEWS_CALLS]
    return []


def java_round(number):
    return int(number + 0.5)


def percentile2(latencies):
    """OAL percentile2(10): 10 ms buckets, rank r reached when the cumulative count reaches round(total·r/100)."""
    counts = {}
    for latency in latencies:
        counts[latency // 10] = counts.get(latency // 10, 0) + 1
    ranks, result, cumulative = [50, 75, 90, 95, 99], {}, 0
    for key in sorted(counts):
        cumulative += counts[key]
        while ranks and cumulative >= java_round(len(latencies) * ranks[0] / 100):
            result[str(ranks.pop(0))] = key * 10
    return result


def aggregate(metric, calls, minutes=1):
    """The value of one time bucket of `metric` from its server-side `calls` (None when there are none)."""
    if not calls:
        return None
    latencies = [latency for _, _, latency in calls]
    successes = sum(1 for _, code, _ in calls if code < 500)  # server side: only 5xx fails
    satisfied = sum(1 for _, code, latency in calls if code < 500 and latency <= 500)
    tolerated = sum(1 for _, code, latency in calls if code < 500 and 500 < latency <= 2000)
    return {"cpm": len(calls) // minutes, "resp_time": sum(latencies) // len(calls),
            "sla": successes * 10000 // len(calls),
            "apdex": (satisfied * 10000 + tolerated * 10000 // 2) // len(calls),
            "percentile": percentile2(latencies)}[metric]


def minute_buckets(first_minute, last_minute):
    """The MINUTE buckets (yyyyMMddHHmm) from the minute starting BASE + 60·first to BASE + 60·last."""
    return [(index, bucket(BASE + 60 * index, "%Y%m%d%H%M")) for index in range(first_minute, last_minute + 1)]


SERIES = """query ($c: MetricsCondition!, $d: Duration!) {
  readMetricsValues(condition: $c, duration: $d) { label values { values { id value isEmptyValue } } }
  readMetricsValue(condition: $c, duration: $d)
  readNullableMetricsValue(condition: $c, duration: $d) { value isEmptyValue } }"""
# One minute before M1 to one after M2: 4 points, the first and last empty.
SERIES_WINDOW = duration(BASE - 60, BASE + 120)


def expected_series(values, entity):
    """readMetricsValues, readMetricsValue and readNullableMetricsValue for per-bucket `values` [(bucket, value or
    None)]: one KVInt per point, `<bucket>_<entity id>`, empty points 0; the value is the mean of the non-empty
    points truncated, 0 without any."""
    present = [value for _, value in values if value is not None]
    mean = sum(present) // len(present) if present else 0
    return {"readMetricsValues": {"label": None, "values": {"values": [
        {"id": f"{b}_{entity}", "value": 0 if v is None else v, "isEmptyValue": v is None} for b, v in values]}},
        "readMetricsValue": mean, "readNullableMetricsValue": {"value": mean, "isEmptyValue": not present}}


def test_read_service_metrics_per_minute(mesh):
    for service in [GATEWAY, PRODUCTPAGE, REVIEWS]:
        for metric in ["cpm", "resp_time", "sla", "apdex"]:
            values = [(b, aggregate(metric, [c for c in server_calls(service) if c[0] // 60 == index]))
                      for index, b in minute_buckets(-1, 2)]
            answer = mesh.graphql(SERIES, {"c": {"name": f"service_{metric}", "entity": {
                "serviceName": service, "normal": True}}, "d": SERIES_WINDOW})
            assert answer == expected_series(values, service_id(service)), (service, metric)
    # The minutes with calls have the counts sent; reviews' failing call lowers M1's success rate and apdex.
    cpm = mesh.graphql(SERIES, {"c": {"name": "service_cpm", "entity": {"serviceName": REVIEWS, "normal": True}},
                                "d": SERIES_WINDOW})["readMetricsValues"]["values"]["values"]
    assert [point["value"] for point in cpm] == [0, 3, 2, 0]
    assert aggregate("sla", server_calls(REVIEWS)[:3]) == 6666
    # A TCP-only service has no call metrics: every point empty, but its throughput.
    answer = mesh.graphql(SERIES, {"c": {"name": "service_cpm", "entity": {"serviceName": MONGODB, "normal": True}},
                                   "d": SERIES_WINDOW})
    assert answer == expected_series([(b, None) for _, b in minute_buckets(-1, 2)], service_id(MONGODB))
    received = [(b, next((r for s, r, _ in MONGODB_TCP if s // 60 == index), None)) for index, b in minute_buckets(-1, 2)]
    answer = mesh.graphql(SERIES, {"c": {"name": "service_throughput_received", "entity": {
        "serviceName": MONGODB, "normal": True}}, "d": SERIES_WINDOW})
    assert answer == expected_series(received, service_id(MONGODB))


def test_read_instance_endpoint_and_relation_metrics(mesh):
    for version, pod in REVIEWS_PODS.items():
        name = f"{pod}.default"
        values = [(b, aggregate("cpm", [(s, c, l) for v, s, _, c, l in REVIEWS_CALLS if v == version and s // 60 == i]))
                  for i, b in minute_buckets(-1, 2)]
        answer = mesh.graphql(SERIES, {"c": {"name": "service_instance_cpm", "entity": {
            "serviceName": REVIEWS, "serviceInstanceName": name, "normal": True}}, "d": SERIES_WINDOW})
        assert answer == expected_series(values, instance_id(REVIEWS, name)), version
    for endpoint in ["GET:/productpage", "POST:/login"]:
        values = [(b, aggregate("resp_time", [(s, c, l) for s, m, p, c, l in PRODUCTPAGE_CALLS
                                              if endpoint_name(m, p) == endpoint and s // 60 == i]))
                  for i, b in minute_buckets(-1, 2)]
        answer = mesh.graphql(SERIES, {"c": {"name": "endpoint_resp_time", "entity": {
            "serviceName": PRODUCTPAGE, "endpointName": endpoint, "normal": True}}, "d": SERIES_WINDOW})
        assert answer == expected_series(values, endpoint_id(PRODUCTPAGE, endpoint)), endpoint
    # productpage → reviews as productpage's sidecar saw it (client side): latency = last − first upstream byte.
    values = [(b, aggregate("cpm", [(s, c, l) for _, s, _, c, l in REVIEWS_CALLS if s // 60 == i]))
              for i, b in minute_buckets(-1, 2)]
    answer = mesh.graphql(SERIES, {"c": {"name": "service_relation_client_cpm", "entity": {
        "serviceName": PRODUCTPAGE, "normal": True, "destServiceName": REVIEWS, "destNormal": True}},
        "d": SERIES_WINDOW})
    assert answer == expected_series(values, f"{service_id(PRODUCTPAGE)}-{service_id(REVIEWS)}")


def test_read_percentiles(mesh):
    labels = ["50", "75", "90", "95", "99"]
    answer = mesh.graphql("""query ($c: MetricsCondition!, $labels: [String!]!, $d: Duration!) {
      readLabeledMetricsValues(condition: $c, labels: $labels, duration: $d) {
        label values { values { id value isEmptyValue } } } }""", {
        "c": {"name": "service_percentile", "entity": {"serviceName": REVIEWS, "normal": True}},
        "labels": labels, "d": SERIES_WINDOW})["readLabeledMetricsValues"]
    per_minute = [(b, aggregate("percentile", [c for c in server_calls(REVIEWS) if c[0] // 60 == index]))
                  for index, b in minute_buckets(-1, 2)]
    assert per_minute[1][1] == {"50": 20, "75": 20, "90": 600, "95": 600, "99": 600}  # 20, 25 and 600 ms
    assert answer == [{"label": label, "values": {"values": [
        {"id": f"{b}_{service_id(REVIEWS)}", "value": 0 if p is None else p[label], "isEmptyValue": p is None}
        for b, p in per_minute]}} for label in labels]


def test_hour_rollup(mesh):
    """HOUR points aggregate every call of the hour (not the mean of the minutes)."""
    window = duration(BASE - 3600, BASE + 60, "HOUR")
    points = sorted({bucket(t, "%Y%m%d%H") for t in range(BASE - 3600, BASE + 61, 60)})  # 2 or 3 hours
    values = [(h, aggregate("resp_time", [c for c in server_calls(REVIEWS) if bucket(BASE + c[0], "%Y%m%d%H") == h]))
              for h in points]
    assert sum(1 for _, value in values if value is not None) in (1, 2)
    answer = mesh.graphql(SERIES, {"c": {"name": "service_resp_time", "entity": {"serviceName": REVIEWS,
                                                                                 "normal": True}}, "d": window})
    assert answer == expected_series(values, service_id(REVIEWS))


def test_sort_metrics_and_top_n(mesh):
    """Services ranked by their mean over the window of the per-minute values (truncated); mongodb has no
    response time and is not ranked."""
    window = SERIES_WINDOW
    means = {}
    for service in [GATEWAY, PRODUCTPAGE, REVIEWS]:
        minutes = [aggregate("resp_time", [c for c in server_calls(service) if c[0] // 60 == i]) for i in (0, 1)]
        means[service] = sum(minutes) // len(minutes)
    assert len(set(means.values())) == 3  # a strict order
    ranked = sorted(means, key=means.get)
    query = """query ($c: TopNCondition!, $d: Duration!) { sortMetrics(condition: $c, duration: $d) {
      name id value refId } }"""
    for order, top_n, names in [("ASC", 10, ranked), ("DES", 2, list(reversed(ranked))[:2])]:
        records = mesh.graphql(query, {"c": {"name": "service_resp_time", "scope": "Service", "topN": top_n,
                                             "order": order, "normal": True}, "d": window})["sortMetrics"]
        assert records == [{"name": n, "id": service_id(n), "value": str(means[n]), "refId": None} for n in names]
        entities = mesh.graphql("""query ($order: Order!, $n: Int!, $d: Duration!) { getServiceTopN(
          name: "service_resp_time", topN: $n, duration: $d, order: $order) { name id value } }""",
                                {"order": order, "n": top_n, "d": window})["getServiceTopN"]
        assert entities == [{"name": n, "id": service_id(n), "value": means[n]} for n in names]
    # Instances of one parent service: reviews-v1 (20, 600 ms) is slower than reviews-v2.
    records = mesh.graphql(query, {"c": {"name": "service_instance_resp_time", "scope": "ServiceInstance",
                                         "parentService": REVIEWS, "normal": True, "topN": 1, "order": "DES"},
                                   "d": window})["sortMetrics"]
    v1 = f"{REVIEWS_PODS['v1']}.default"
    assert records == [{"name": v1, "id": instance_id(REVIEWS, v1), "value": "310", "refId": None}]
    assert aggregate("resp_time", [(s, c, l) for v, s, _, c, l in REVIEWS_CALLS if v == "v1"]) == 310


def test_metric_catalog(mesh):
    data = mesh.graphql("""{ cpm: typeOfMetrics(name: "service_cpm") percentile: typeOfMetrics(name:
      "service_relation_server_percentile") nope: typeOfMetrics(name: "service_cpm_nope")
      relations: listMetrics(regex: "service_relation_server_.*") { name type catalog }
      one: listMetrics(regex: "service_cpm") { name type catalog }
      partial: listMetrics(regex: "service_cp") { name } }""")
    assert (data["cpm"], data["percentile"], data["nope"]) == ("REGULAR_VALUE", "LABELED_VALUE", "UNKNOWN")
    # als-mxmesh.md §5.2: the server-side service relation metrics of the HTTP and TCP OAL scripts.
    assert sorted(data["relations"], key=lambda m: m["name"]) == [
        {"name": f"service_relation_server_{suffix}", "type": "LABELED_VALUE" if suffix == "percentile"
         else "REGULAR_VALUE", "catalog": "SERVICE_RELATION"}
        for suffix in sorted(["cpm", "call_sla", "resp_time", "percentile", "received", "sent"])]
    assert data["one"] == [{"name": "service_cpm", "type": "REGULAR_VALUE", "catalog": "SERVICE"}]
    assert data["partial"] == []  # a whole-name match, as Java's String.matches


def test_series_longer_than_500_points_is_an_error(mesh):
    condition = {"name": "service_cpm", "entity": {"serviceName": REVIEWS, "normal": True}}
    query = """query ($c: MetricsCondition!, $d: Duration!) {
      readMetricsValues(condition: $c, duration: $d) { values { values { id } } } }"""
    last = BASE + 120
    ok = mesh.graphql(query, {"c": condition, "d": duration(last - 499 * 60, last)})
    assert len(ok["readMetricsValues"]["values"]["values"]) == 500
    body = errors_of(mesh, query, {"c": condition, "d": duration(last - 500 * 60, last)})
    assert body["data"] is None  # readMetricsValues is non-null
    body = errors_of(mesh, """query ($c: MetricsCondition!, $d: Duration!) {
      readNullableMetricsValue(condition: $c, duration: $d) { value } }""", {"c": condition, "d": duration(
        last - 501 * 3600, last, "HOUR")})
    assert body["data"] is None
