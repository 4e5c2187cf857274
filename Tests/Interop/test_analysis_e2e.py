"""End to end through the analysis stage: a real gRPC client sends a scripted mesh; the stored services,
instances, endpoints, relations and metric values must equal the values worked out by hand below.

Times: every entry starts within the first ten seconds of the previous UTC hour (recent, so inside the TTL the
purger applies at startup), so all share one minute, hour and day bucket. Formulas: als-mxmesh.md §4 (construction), §5.3 (accumulators).
"""

import datetime
import os
import sqlite3
import time

import flatbuffers
import grpc
from google.protobuf import any_pb2, struct_pb2, wrappers_pb2

from envoy.data.accesslog.v3 import accesslog_pb2 as data_v3
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc

START = int(time.time()) // 3600 * 3600 - 3600
MINUTE = int(datetime.datetime.fromtimestamp(START, datetime.timezone.utc).strftime("%Y%m%d%H%M"))
HOUR, DAY = MINUTE // 100, MINUTE // 10000
SERVICE, INSTANCE, ENDPOINT, REL_CLIENT, REL_SERVER, IREL_CLIENT, IREL_SERVER = 1, 2, 3, 4, 5, 6, 7


def node_struct(name, app, namespace="default"):
    metadata = struct_pb2.Struct()
    metadata.update({"NAME": name, "NAMESPACE": namespace,
                     "LABELS": {"app": app, "service.istio.io/canonical-name": app}})
    return metadata


def identifier(node_id, metadata):
    ident = als_v3.StreamAccessLogsMessage.Identifier(log_name="als")
    ident.node.id = node_id
    ident.node.metadata.CopyFrom(metadata)
    return ident


def struct_peer(values):
    peer = struct_pb2.Struct()
    peer.update(values)
    packed = any_pb2.Any()
    packed.Pack(peer)
    return packed


def flatnode_peer(name, namespace, labels):
    """An Istio 1.6–1.23 peer: Any(BytesValue(FlatNode)) built with the real FlatBuffers library."""
    builder = flatbuffers.Builder(256)
    pairs = []
    for key, value in sorted(labels.items()):
        key_offset, value_offset = builder.CreateString(key), builder.CreateString(value)
        builder.StartObject(2)
        builder.PrependUOffsetTRelativeSlot(0, key_offset, 0)
        builder.PrependUOffsetTRelativeSlot(1, value_offset, 0)
        pairs.append(builder.EndObject())
    builder.StartVector(4, len(pairs), 4)
    for pair in reversed(pairs):
        builder.PrependUOffsetTRelative(pair)
    labels_offset = builder.EndVector()
    name_offset, namespace_offset = builder.CreateString(name), builder.CreateString(namespace)
    builder.StartObject(10)
    builder.PrependUOffsetTRelativeSlot(0, name_offset, 0)
    builder.PrependUOffsetTRelativeSlot(1, namespace_offset, 0)
    builder.PrependUOffsetTRelativeSlot(2, labels_offset, 0)
    builder.Finish(builder.EndObject())
    packed = any_pb2.Any()
    packed.Pack(wrappers_pb2.BytesValue(value=bytes(builder.Output())))
    return packed


def http_entry(second, states, code=200, path="/reviews/0", to_last_downstream_ms=10, to_first_upstream_ms=1,
               to_last_upstream_ms=11, mtls=False):
    entry = data_v3.HTTPAccessLogEntry()
    common = entry.common_properties
    common.start_time.seconds = START + second
    common.time_to_last_downstream_tx_byte.nanos = to_last_downstream_ms * 1_000_000
    common.time_to_first_upstream_tx_byte.nanos = to_first_upstream_ms * 1_000_000
    common.time_to_last_upstream_rx_byte.nanos = to_last_upstream_ms * 1_000_000
    for key, value in states.items():
        common.filter_state_objects[key].CopyFrom(value)
    if mtls:
        common.tls_properties.local_certificate_properties.subject_alt_name.add(uri="spiffe://cluster.local/ns/default/sa/reviews")
        common.tls_properties.peer_certificate_properties.subject_alt_name.add(uri="spiffe://cluster.local/ns/default/sa/productpage")
    entry.request.request_method = 1  # GET
    entry.request.scheme = "http"
    entry.request.path = path
    entry.response.response_code.value = code
    return entry


def tcp_entry(second, states, received, sent):
    entry = data_v3.TCPAccessLogEntry()
    entry.common_properties.start_time.seconds = START + second
    for key, value in states.items():
        entry.common_properties.filter_state_objects[key].CopyFrom(value)
    entry.connection_properties.received_bytes = received
    entry.connection_properties.sent_bytes = sent
    return entry


PRODUCTPAGE_PEER = {"NAME": "productpage-v1-x", "NAMESPACE": "default",
                    "LABELS": {"service.istio.io/canonical-name": "productpage"}}
REVIEWS_WORKLOAD = {"name": "reviews-v1-abc", "namespace": "default", "service": "reviews", "workload": "reviews-v1"}


def reviews_inbound():
    """reviews' sidecar: 4 inbound calls from productpage (upper-case Struct peer), mTLS."""
    peer = {"downstream_peer": struct_peer(PRODUCTPAGE_PEER)}
    message = als_v3.StreamAccessLogsMessage()
    message.identifier.CopyFrom(identifier("sidecar~10.0.0.2~reviews-v1-abc.default~default.svc.cluster.local",
                                           node_struct("reviews-v1-abc", "reviews")))
    for second, code, latency in [(1, 200, 10), (2, 200, 20), (3, 503, 600), (4, 404, 30)]:
        entry = http_entry(second, peer, code=code, path="/reviews/0?user=7", to_last_downstream_ms=latency, mtls=True)
        message.http_logs.log_entry.add().CopyFrom(entry)
    return [message]


def productpage_outbound():
    """productpage's sidecar: 2 outbound calls to reviews (lower-case workload peer)."""
    peer = {"upstream_peer": struct_peer(REVIEWS_WORKLOAD)}
    message = als_v3.StreamAccessLogsMessage()
    message.identifier.CopyFrom(identifier("sidecar~10.0.0.1~productpage-v1-x.default~default.svc.cluster.local",
                                           node_struct("productpage-v1-x", "productpage")))
    for second, code, last in [(5, 200, 21), (6, 404, 41)]:
        message.http_logs.log_entry.add().CopyFrom(
            http_entry(second, peer, code=code, to_first_upstream_ms=1, to_last_upstream_ms=last))
    return [message]


def gateway_ingress():
    """The ingress gateway: 1 call to productpage with a FlatNode upstream peer and no downstream peer."""
    message = als_v3.StreamAccessLogsMessage()
    message.identifier.CopyFrom(identifier(
        "router~10.0.0.9~istio-ingressgateway-1.istio-system~istio-system.svc.cluster.local",
        node_struct("istio-ingressgateway-1", "istio-ingressgateway", namespace="istio-system")))
    peer = {"wasm.upstream_peer": flatnode_peer("productpage-v1-x", "default", {"app": "productpage"})}
    message.http_logs.log_entry.add().CopyFrom(
        http_entry(7, peer, path="/productpage", to_last_downstream_ms=50, to_first_upstream_ms=2,
                   to_last_upstream_ms=47))
    return [message]


def mongodb_tcp():
    """mongodb's sidecar: 2 TCP reports from ratings."""
    message = als_v3.StreamAccessLogsMessage()
    message.identifier.CopyFrom(identifier("sidecar~10.0.0.5~mongodb-v1-0.default~default.svc.cluster.local",
                                           node_struct("mongodb-v1-0", "mongodb")))
    peer = {"downstream_peer": struct_peer({"NAME": "ratings-v1-q", "NAMESPACE": "default",
                                            "LABELS": {"app": "ratings"}})}
    for second, received, sent in [(8, 100, 200), (9, 300, 400)]:
        message.tcp_logs.log_entry.add().CopyFrom(tcp_entry(second, peer, received, sent))
    return [message]


def send(server, streams):
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        for messages in streams:
            _, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=10)
            assert call.code() == grpc.StatusCode.OK


VALUE_FIELDS = ["calls", "successes", "latency_sum", "apdex_satisfied", "apdex_tolerated",
                "internal_request_latency_sum", "internal_response_latency_sum", "tcp_reports", "received_bytes_sum",
                "sent_bytes_sum"]


def decode_value(blob):
    """The fields of a metric row's value BLOB (docs/storage.md, schema version 2): format byte 1, ten ZigZag
    varint sums, the components mask varint, then the histogram buckets."""
    assert blob[0] == 1
    position, numbers = 1, []
    while position < len(blob):
        value, shift = 0, 0
        while True:
            byte = blob[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        numbers.append(value)
    unzigzag = lambda n: (n >> 1) ^ -(n & 1)
    fields = {name: unzigzag(number) for name, number in zip(VALUE_FIELDS, numbers)}
    fields["components"] = numbers[10]
    return fields


def bucket_of_key(key, table):
    """The bucket of a metric row key: scope (3 bits), bucket (30 bits: year-1970, month, day, hour, minute), slot."""
    time = (key >> 30) & ((1 << 30) - 1)
    minute, hour, day = time & 63, (time >> 6) & 31, (time >> 11) & 31
    month, year = (time >> 16) & 15, (time >> 20) + 1970
    bucket = (((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute
    return {"metrics_minute": bucket, "metrics_hour": bucket // 100, "metrics_day": bucket // 10000}[table]


def rows(database, scope, table="metrics_minute"):
    """{(source_service, service, instance, endpoint): row dict} for one scope."""
    connection = sqlite3.connect(database)
    connection.row_factory = sqlite3.Row
    entities = {row["id"]: dict(row) for row in connection.execute("SELECT * FROM entities WHERE scope = ?", (scope,))}
    result = {}
    for key, value in connection.execute(f"SELECT id, value FROM {table}"):
        entity = entities.get(((key >> 60) << 30) | (key & ((1 << 30) - 1)))
        if entity is None:
            continue
        row = dict(entity, bucket=bucket_of_key(key, table), **decode_value(value))
        result[(row["source_service"], row["service"], row["instance"], row["endpoint"])] = row
    connection.close()
    return result


def test_scripted_mesh_is_stored_exactly(start_skymesh):
    server = start_skymesh("--flush-interval", "1s")
    send(server, [reviews_inbound(), productpage_outbound(), gateway_ingress(), mongodb_tcp()])
    database = os.path.join(server.directory, "skymesh.db")
    assert server.stop() == 0  # SIGTERM flushes everything

    connection = sqlite3.connect(database)
    services = dict(connection.execute("SELECT name, layer FROM services").fetchall())
    # Server sides only; UNKNOWN (the gateway's fallback source) and pure callers are not services.
    assert services == {"reviews.default": "MESH", "istio-ingressgateway.istio-system": "MESH",
                        "mongodb.default": "MESH"}
    instances = {name: props for name, props in connection.execute("SELECT name, properties FROM instances")}
    assert set(instances) == {"reviews-v1-abc", "istio-ingressgateway-1", "mongodb-v1-0"}
    assert '"pod":"reviews-v1-abc"' in instances["reviews-v1-abc"].replace(" ", "")
    endpoints = [row[0] for row in connection.execute("SELECT name FROM endpoints ORDER BY name")]
    assert endpoints == ["GET:/productpage", "GET:/reviews/0"]  # query string stripped
    connection.close()

    # reviews, server side: latencies 10, 20, 600, 30 ms; codes 200, 200, 503, 404 (404 succeeds server side).
    reviews = rows(database, SERVICE)[("", "reviews.default", "", "")]
    assert reviews["bucket"] == MINUTE
    assert (reviews["calls"], reviews["successes"], reviews["latency_sum"]) == (4, 3, 660)
    # apdex t=500: 10, 20, 30 satisfied; 600 failed → frustrated. (3·10000 + 0) / 4 = 7500.
    assert (reviews["apdex_satisfied"], reviews["apdex_tolerated"]) == (3, 0)
    assert rows(database, INSTANCE)[("", "reviews.default", "reviews-v1-abc", "")]["calls"] == 4
    assert rows(database, ENDPOINT)[("", "reviews.default", "", "GET:/reviews/0")]["calls"] == 4

    # Relations: server side sees mTLS (http 49 | mtls 142); client side is forced to NONE (http only).
    server_side = rows(database, REL_SERVER)
    relation = server_side[("productpage.default", "reviews.default", "", "")]
    assert (relation["calls"], relation["successes"]) == (4, 3)
    assert relation["components"] == 0b100010  # http | mtls
    client_side = rows(database, REL_CLIENT)
    relation = client_side[("productpage.default", "reviews.default", "", "")]
    # Client latencies: 21−1 = 20 and 41−1 = 40; 404 fails on the client side.
    assert (relation["calls"], relation["successes"], relation["latency_sum"]) == (2, 1, 60)
    assert relation["components"] == 0b10  # http
    assert client_side[("istio-ingressgateway.istio-system", "productpage.default", "", "")]["latency_sum"] == 45
    # The gateway's fallback: UNKNOWN → gateway on the server side, latency 50.
    fallback = server_side[("UNKNOWN", "istio-ingressgateway.istio-system", "", "")]
    assert (fallback["calls"], fallback["latency_sum"]) == (1, 50)
    instance_relation = rows(database, IREL_SERVER)[("productpage.default", "reviews.default", "reviews-v1-abc", "")]
    assert (instance_relation["source_instance"], instance_relation["calls"]) == ("productpage-v1-x", 4)
    assert instance_relation["components"] == 0  # instance relations carry no components

    # TCP: mongodb gets byte sums and no calls; the relation has the tcp component (110).
    mongodb = rows(database, SERVICE)[("", "mongodb.default", "", "")]
    assert (mongodb["calls"], mongodb["tcp_reports"], mongodb["received_bytes_sum"], mongodb["sent_bytes_sum"]) == (
        0, 2, 400, 600)
    assert server_side[("ratings.default", "mongodb.default", "", "")]["components"] == 0b1000

    # Hour and day rows are the same aggregates.
    for table, bucket in [("metrics_hour", HOUR), ("metrics_day", DAY)]:
        rolled = rows(database, SERVICE, table)[("", "reviews.default", "", "")]
        assert (rolled["bucket"], rolled["calls"], rolled["latency_sum"]) == (bucket, 4, 660)


def test_restart_adds_to_stored_minutes(start_skymesh):
    first = start_skymesh("--flush-interval", "1s")
    send(first, [reviews_inbound()])
    directory = first.directory
    assert first.stop() == 0
    database = os.path.join(directory, "skymesh.db")
    second = start_skymesh("--flush-interval", "1s", "--db", database)
    send(second, [reviews_inbound()])
    assert second.stop() == 0
    reviews = rows(database, SERVICE)[("", "reviews.default", "", "")]
    assert (reviews["calls"], reviews["successes"], reviews["latency_sum"]) == (8, 6, 1320)
    assert rows(database, SERVICE, "metrics_day")[("", "reviews.default", "", "")]["calls"] == 8
