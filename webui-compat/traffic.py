"""Real Envoy ALS traffic for the compatibility run: Istio's bookinfo sample as its sidecars report it, built with
the Envoy protos of xds-protos and sent over gRPC (adapted from Tests/Interop/test_analysis_e2e.py).

    istio-ingressgateway ──▶ productpage ──▶ reviews (v1, v2) ──▶ ratings ══tcp══▶ mongodb
                                        └──▶ details

Every call is reported by both proxies when both have one: the caller's sidecar (client side, `upstream_peer`)
and the callee's (server side, `downstream_peer`), with Istio's peer metadata as a Struct. Calls are spread over
the last minutes so that time series have several points; some fail, some use mTLS, latencies vary so that
percentiles differ. Names follow `MAPPING_YAML` (service `e2e::<app>`, instance `<pod>.<namespace>`), the naming
of SkyWalking's istio/als e2e and of booster-ui's sample requests.
"""

import time

import grpc
from google.protobuf import any_pb2, struct_pb2

from envoy.data.accesslog.v3 import accesslog_pb2 as data_v3
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc

# A metadata-service-mapping.yaml (skymesh serve --service-mapping-file) naming services e2e::<app>.
MAPPING_YAML = ('serviceName: e2e::${LABELS."service.istio.io/canonical-name",LABELS.app}\n'
                'serviceInstanceName: ${NAME}.${NAMESPACE}\n')

GET, POST = 1, 3  # envoy.config.core.v3.RequestMethod


class Workload:
    """One pod with an Envoy proxy: its Istio metadata and node identity."""

    def __init__(self, app, pod, namespace="default", router=False):
        self.app, self.pod, self.namespace, self.router = app, pod, namespace, router

    def metadata(self):
        """Istio's peer/node metadata (the upper-case format Istio ≥ 1.8 writes into filter state)."""
        struct = struct_pb2.Struct()
        struct.update({"NAME": self.pod, "NAMESPACE": self.namespace, "CLUSTER_ID": "Kubernetes",
                       "LABELS": {"app": self.app, "service.istio.io/canonical-name": self.app,
                                  "version": "v1"}})
        return struct

    def identifier(self):
        """The stream identifier the proxy sends in its first message."""
        ident = als_v3.StreamAccessLogsMessage.Identifier(log_name="als")
        kind = "router" if self.router else "sidecar"
        ident.node.id = f"{kind}~10.0.0.1~{self.pod}.{self.namespace}~{self.namespace}.svc.cluster.local"
        ident.node.cluster = f"{self.app}.{self.namespace}"
        ident.node.metadata.CopyFrom(self.metadata())
        return ident

    def peer(self):
        """This workload as a filter-state peer (Any(Struct))."""
        packed = any_pb2.Any()
        packed.Pack(self.metadata())
        return packed


GATEWAY = Workload("istio-ingressgateway", "istio-ingressgateway-5d8f7c6b9-gw7x2", "istio-system", router=True)
PRODUCTPAGE = Workload("productpage", "productpage-v1-6b746f74dc-x7k9z")
REVIEWS_V1 = Workload("reviews", "reviews-v1-545db77b95-v8zkq")
REVIEWS_V2 = Workload("reviews", "reviews-v2-7d79d5bd5d-ms9bt")
DETAILS = Workload("details", "details-v1-79f774bdb9-p4n6l")
RATINGS = Workload("ratings", "ratings-v1-5f9699cfdf-j2x9d")
MONGODB = Workload("mongodb", "mongodb-v1-6d7b8f9c7-w5r3t")

# (caller, callee, method, path, [(status, latency ms)] per minute slot, mTLS)
HTTP_CALLS = [
    (GATEWAY, PRODUCTPAGE, GET, "/productpage", [(200, 40), (200, 55), (200, 38), (500, 120), (200, 47)], False),
    (GATEWAY, PRODUCTPAGE, POST, "/login", [(200, 25), (302, 30)], False),
    (PRODUCTPAGE, REVIEWS_V1, GET, "/reviews/0", [(200, 12), (200, 15), (503, 600)], True),
    (PRODUCTPAGE, REVIEWS_V2, GET, "/reviews/0", [(200, 22), (200, 28), (200, 35), (404, 9)], True),
    (PRODUCTPAGE, DETAILS, GET, "/details/0", [(200, 5), (200, 6), (200, 4)], True),
    (REVIEWS_V2, RATINGS, GET, "/ratings/0", [(200, 8), (200, 11), (500, 900)], True),
]
# (caller, callee, [(received, sent) bytes] per minute slot)
TCP_CALLS = [(RATINGS, MONGODB, [(310, 1200), (280, 980)])]
# How many minutes ago each slot of calls happened.
MINUTES_AGO = [12, 8, 5, 2, 0]


def http_entry(start, states, method, path, status, latency_ms, mtls, client_side):
    """One HTTP access-log entry as a proxy reports it."""
    entry = data_v3.HTTPAccessLogEntry()
    common = entry.common_properties
    common.start_time.seconds = int(start)
    common.start_time.nanos = int((start % 1) * 1e9)
    common.time_to_last_downstream_tx_byte.nanos = latency_ms * 1_000_000 % 1_000_000_000
    common.time_to_last_downstream_tx_byte.seconds = latency_ms // 1000
    common.time_to_first_upstream_tx_byte.nanos = 1_000_000
    upstream_ms = max(2, latency_ms - 1)
    common.time_to_last_upstream_rx_byte.nanos = upstream_ms * 1_000_000 % 1_000_000_000
    common.time_to_last_upstream_rx_byte.seconds = upstream_ms // 1000
    # First response byte from upstream, then passed downstream 0.3 ms later (the sidecar's response latency).
    first_rx_us = max(1500, (upstream_ms - 1) * 1000)
    common.time_to_first_upstream_rx_byte.nanos = first_rx_us * 1000 % 1_000_000_000
    common.time_to_first_upstream_rx_byte.seconds = first_rx_us // 1_000_000
    common.time_to_first_downstream_tx_byte.nanos = (first_rx_us + 300) * 1000 % 1_000_000_000
    common.time_to_first_downstream_tx_byte.seconds = (first_rx_us + 300) // 1_000_000
    for key, value in states.items():
        common.filter_state_objects[key].CopyFrom(value)
    if mtls and not client_side:
        common.tls_properties.local_certificate_properties.subject_alt_name.add(
            uri="spiffe://cluster.local/ns/default/sa/bookinfo")
        common.tls_properties.peer_certificate_properties.subject_alt_name.add(
            uri="spiffe://cluster.local/ns/default/sa/bookinfo")
    entry.protocol_version = data_v3.HTTPAccessLogEntry.HTTP11
    entry.request.request_method = method
    entry.request.scheme = "http"
    entry.request.path = path
    entry.request.authority = "bookinfo"
    entry.response.response_code.value = status
    entry.response.response_body_bytes = 512
    return entry


def tcp_entry(start, states, received, sent):
    """One TCP access-log entry."""
    entry = data_v3.TCPAccessLogEntry()
    entry.common_properties.start_time.seconds = int(start)
    for key, value in states.items():
        entry.common_properties.filter_state_objects[key].CopyFrom(value)
    entry.connection_properties.received_bytes = received
    entry.connection_properties.sent_bytes = sent
    return entry


def streams(now=None):
    """The streams of every proxy (a list of messages each; HTTP and TCP apart) and the number of entries."""
    now = time.time() if now is None else now
    entries = {}  # pod → (workload, [http entries], [tcp entries])

    def of(workload):
        return entries.setdefault(workload.pod, (workload, [], []))

    for caller, callee, method, path, outcomes, mtls in HTTP_CALLS:
        for slot, minutes in enumerate(MINUTES_AGO):
            status, latency = outcomes[slot % len(outcomes)]
            start = now - minutes * 60 - 5 - slot
            of(caller)[1].append(http_entry(start, {"upstream_peer": callee.peer()}, method, path, status,
                                            latency + 3, mtls, True))
            server_states = {} if callee.router else {"downstream_peer": caller.peer()}
            of(callee)[1].append(http_entry(start + 0.001, server_states, method, path, status, latency, mtls,
                                            False))
    for caller, callee, exchanges in TCP_CALLS:
        for slot, minutes in enumerate(MINUTES_AGO):
            received, sent = exchanges[slot % len(exchanges)]
            start = now - minutes * 60 - 7
            of(caller)[2].append(tcp_entry(start, {"upstream_peer": callee.peer()}, sent, received))
            of(callee)[2].append(tcp_entry(start, {"downstream_peer": caller.peer()}, received, sent))
    result, count = [], 0
    for workload, http, tcp in entries.values():
        # Envoy opens one stream per access logger (HTTP and TCP apart), each starting with the identifier.
        for field_name, logged in (("http_logs", http), ("tcp_logs", tcp)):
            if logged:
                message = als_v3.StreamAccessLogsMessage()
                message.identifier.CopyFrom(workload.identifier())
                getattr(message, field_name).log_entry.extend(logged)
                result.append([message])
                count += len(logged)
    return result, count


def send(target, message_streams, timeout=10.0):
    """Streams each proxy's messages over its own gRPC call to AccessLogService.StreamAccessLogs."""
    with grpc.insecure_channel(target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        for messages in message_streams:
            _, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=timeout)
            if call.code() != grpc.StatusCode.OK:
                raise RuntimeError(f"StreamAccessLogs ended with {call.code()}")
