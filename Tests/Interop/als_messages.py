"""Builds realistic ALS messages with the real Envoy protos from xds-protos."""

from google.protobuf import any_pb2, struct_pb2, wrappers_pb2

from envoy.data.accesslog.v3 import accesslog_pb2 as data_v3
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v2 import als_pb2 as als_v2


def node_metadata(name, app, namespace="default"):
    metadata = struct_pb2.Struct()
    metadata.update({
        "NAME": name, "NAMESPACE": namespace, "WORKLOAD_NAME": app, "CLUSTER_ID": "Kubernetes",
        "MESH_ID": "cluster.local", "ISTIO_VERSION": "1.24.2", "INSTANCE_IPS": "10.244.1.7",
        "LABELS": {"app": app, "version": "v1", "service.istio.io/canonical-name": app},
    })
    return metadata


def identifier(als, name="frontend-7d4-x", app="frontend", log_name="http_envoy_accesslog"):
    ident = als.StreamAccessLogsMessage.Identifier(log_name=log_name)
    ident.node.id = f"sidecar~10.244.1.7~{name}.default~default.svc.cluster.local"
    ident.node.cluster = f"{app}.default"
    ident.node.metadata.CopyFrom(node_metadata(name, app))
    return ident


def http_entry(index=0, peer="checkoutservice"):
    entry = data_v3.HTTPAccessLogEntry()
    common = entry.common_properties
    common.start_time.seconds = 1767225600 + index
    common.start_time.nanos = 123000000
    common.downstream_remote_address.socket_address.address = "10.244.1.7"
    common.downstream_remote_address.socket_address.port_value = 52520
    common.upstream_remote_address.socket_address.address = "10.128.0.21"
    common.upstream_remote_address.socket_address.port_value = 5050
    common.upstream_cluster = f"outbound|5050||{peer}.default.svc.cluster.local"
    common.time_to_last_downstream_tx_byte.nanos = 29960248
    common.duration.nanos = 29960248
    peer_struct = struct_pb2.Struct()
    peer_struct.update({"workload": peer, "namespace": "default", "service": peer, "app": peer,
                        "name": f"{peer}-vm-1", "cluster": "Kubernetes"})
    packed = any_pb2.Any()
    packed.Pack(peer_struct)
    common.filter_state_objects["upstream_peer"].CopyFrom(packed)
    legacy = any_pb2.Any()
    legacy.Pack(wrappers_pb2.BytesValue(value=b"\x20\x00\x00\x00" + bytes(range(256)) * 3))
    common.filter_state_objects["wasm.upstream_peer"].CopyFrom(legacy)
    entry.protocol_version = data_v3.HTTPAccessLogEntry.HTTP2
    entry.request.request_method = 3
    entry.request.authority = f"{peer}:5050"
    entry.request.path = "/hipstershop.CheckoutService/PlaceOrder"
    entry.request.request_id = f"req-{index}"
    entry.response.response_code.value = 200
    entry.response.response_code_details = "via_upstream"
    return entry


def tcp_entry(index=0):
    entry = data_v3.TCPAccessLogEntry()
    entry.common_properties.upstream_cluster = "outbound|3306||mysql.default.svc.cluster.local"
    entry.common_properties.start_time.seconds = 1767225600 + index
    entry.connection_properties.received_bytes = 1000 + index
    entry.connection_properties.sent_bytes = 2000 + index
    return entry


def http_message(entries, with_identifier=False, als=als_v3):
    message = als.StreamAccessLogsMessage()
    if with_identifier:
        message.identifier.CopyFrom(identifier(als))
    for entry in entries:
        # v2 and v3 entries share their wire format (spec §1): copy through bytes.
        message.http_logs.log_entry.add().ParseFromString(entry.SerializeToString())
    return message


def tcp_message(entries, with_identifier=False, als=als_v3):
    message = als.StreamAccessLogsMessage()
    if with_identifier:
        message.identifier.CopyFrom(identifier(als, log_name="tcp_envoy_accesslog"))
    for entry in entries:
        message.tcp_logs.log_entry.add().ParseFromString(entry.SerializeToString())
    return message


V2 = als_v2
V3 = als_v3
