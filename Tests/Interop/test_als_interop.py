"""Interop: a real gRPC client (grpcio, with xds-protos' Envoy messages) against a real skymesh process."""

import concurrent.futures
import datetime
import os

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from als_messages import V2, V3, http_entry, http_message, tcp_entry, tcp_message
from envoy.service.accesslog.v2 import als_pb2_grpc as als_v2_grpc
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc

V3_PATH = "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs"
SATELLITE_PATH = "/satellite.envoy.accesslog.v3.SatelliteAccessLogService/StreamAccessLogs"
HTTP_ENTRIES = 'skymesh_als_entries_total{kind="http"}'
TCP_ENTRIES = 'skymesh_als_entries_total{kind="tcp"}'
DECODE_ERRORS = "skymesh_als_decode_errors_total"


def raw_call(channel, path):
    """A client-streaming call that sends pre-serialized bytes and returns the raw response bytes."""
    return channel.stream_unary(path, request_serializer=lambda b: b, response_deserializer=lambda b: b)


def wait_for(server, name, expected):
    """Metrics are counted on the server's loop threads; allow a moment for the last batch."""
    import time
    deadline = time.time() + 5
    while time.time() < deadline:
        if server.metric(name) == expected:
            return
        time.sleep(0.02)
    assert server.metric(name) == expected


def test_v3_stream_half_close_gets_ok_and_empty_response(start_skymesh):
    server = start_skymesh()
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        messages = [http_message([http_entry(i) for i in range(3)], with_identifier=True)]
        messages += [http_message([http_entry(i) for i in range(2)]) for _ in range(4)]
        response, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=10)
        assert call.code() == grpc.StatusCode.OK
        assert response.ByteSize() == 0
    wait_for(server, HTTP_ENTRIES, 11)
    assert server.metric('skymesh_als_streams_total{api="v3"}') == 1
    assert server.metric("skymesh_als_messages_total") == 5


def test_v2_and_tcp_entries(start_skymesh):
    server = start_skymesh()
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v2_grpc.AccessLogServiceStub(channel)
        messages = [tcp_message([tcp_entry(i) for i in range(5)], with_identifier=True, als=V2),
                    tcp_message([tcp_entry(9)], als=V2)]
        _, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=10)
        assert call.code() == grpc.StatusCode.OK
    wait_for(server, TCP_ENTRIES, 6)
    assert server.metric('skymesh_als_streams_total{api="v2"}') == 1


def test_many_connections_and_concurrent_streams(start_skymesh):
    server = start_skymesh()
    # A local subchannel pool per channel, so the four channels really are four connections.
    channels = [grpc.insecure_channel(server.grpc_target, options=[("grpc.use_local_subchannel_pool", 1)])
                for _ in range(4)]
    try:
        def run(index):
            stub = als_v3_grpc.AccessLogServiceStub(channels[index % len(channels)])
            messages = [http_message([http_entry(i) for i in range(4)], with_identifier=(m == 0))
                        for m in range(10)]
            _, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=20)
            return call.code()

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            codes = list(pool.map(run, range(32)))
        assert codes == [grpc.StatusCode.OK] * 32
    finally:
        for channel in channels:
            channel.close()
    wait_for(server, HTTP_ENTRIES, 32 * 10 * 4)
    assert server.metric('skymesh_als_streams_total{api="v3"}') == 32
    assert server.metric('skymesh_connections_accepted_total{listener="grpc"}') == 4


def test_satellite_identifier_may_change(start_skymesh):
    server = start_skymesh()
    with grpc.insecure_channel(server.grpc_target) as channel:
        call = raw_call(channel, SATELLITE_PATH)
        messages = [http_message([http_entry(1)], with_identifier=True).SerializeToString(),
                    http_message([http_entry(2)], with_identifier=True).SerializeToString()]
        response = call(iter(messages), timeout=10)
        assert response == b""
    wait_for(server, HTTP_ENTRIES, 2)
    assert server.metric('skymesh_als_streams_total{api="satellite"}') == 1


def test_unknown_method_is_unimplemented(start_skymesh):
    server = start_skymesh()
    with grpc.insecure_channel(server.grpc_target) as channel:
        call = raw_call(channel, "/envoy.service.accesslog.v4.AccessLogService/StreamAccessLogs")
        with pytest.raises(grpc.RpcError) as error:
            call(iter([b""]), timeout=10)
        assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
    assert server.metric('skymesh_als_streams_refused_total{status="UNIMPLEMENTED"}') == 1


def test_oversize_message_is_resource_exhausted_and_others_carry_on(start_skymesh):
    server = start_skymesh("--grpc-max-message-bytes", "65536")
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        big = http_message([http_entry(i) for i in range(200)], with_identifier=True)
        assert big.ByteSize() > 65536
        with pytest.raises(grpc.RpcError) as error:
            stub.StreamAccessLogs(iter([big]), timeout=10)
        assert error.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        _, call = stub.StreamAccessLogs.with_call(
            iter([http_message([http_entry(1)], with_identifier=True)]), timeout=10)
        assert call.code() == grpc.StatusCode.OK
    wait_for(server, HTTP_ENTRIES, 1)


def test_corrupt_message_mid_stream_is_skipped_exactly(start_skymesh):
    server = start_skymesh()
    good = [http_message([http_entry(i) for i in range(3)], with_identifier=True).SerializeToString()]
    corrupt = [
        b"\x12\xff\xff\xff\xff\x0f",            # http_logs with a length far past the end
        b"\x0a\x05\x0a\x03abc" + b"\x80" * 11,  # identifier, then a varint that never ends
        b"\x07",                                 # wire type 7
    ]
    later = [http_message([http_entry(i)]).SerializeToString() for i in range(5)]
    with grpc.insecure_channel(server.grpc_target) as channel:
        response = raw_call(channel, V3_PATH)(iter(good + corrupt + later), timeout=10)
        assert response == b""
    wait_for(server, HTTP_ENTRIES, 3 + 5)
    assert server.metric(DECODE_ERRORS) == 3
    assert server.metric("skymesh_als_messages_total") == 1 + 3 + 5


def test_repeated_field_cap_skips_only_that_message(start_skymesh):
    """--grpc-max-repeated-elements reaches the decoder: 1025 entries in one message are one decode error, and
    the messages around it (1024 entries is still allowed) are counted."""
    server = start_skymesh("--grpc-max-repeated-elements", "1024")
    messages = [http_message([http_entry(1)], with_identifier=True),
                http_message([http_entry(i) for i in range(1025)]),
                http_message([http_entry(i) for i in range(1024)])]
    with grpc.insecure_channel(server.grpc_target) as channel:
        _, call = als_v3_grpc.AccessLogServiceStub(channel).StreamAccessLogs.with_call(iter(messages), timeout=10)
        assert call.code() == grpc.StatusCode.OK
    wait_for(server, HTTP_ENTRIES, 1 + 1024)
    assert server.metric(DECODE_ERRORS) == 1


def test_token_authentication(start_skymesh):
    server = start_skymesh("--grpc-authentication-token", "s3cret")
    with grpc.insecure_channel(server.grpc_target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        message = http_message([http_entry(1)], with_identifier=True)
        with pytest.raises(grpc.RpcError) as error:
            stub.StreamAccessLogs(iter([message]), timeout=10)
        assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.RpcError) as error:
            stub.StreamAccessLogs(iter([message]), timeout=10, metadata=[("authentication", "wrong")])
        assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
        _, call = stub.StreamAccessLogs.with_call(iter([message]), timeout=10,
                                                  metadata=[("authentication", "s3cret")])
        assert call.code() == grpc.StatusCode.OK
    wait_for(server, HTTP_ENTRIES, 1)
    assert server.metric('skymesh_als_streams_refused_total{status="UNAUTHENTICATED"}') == 2


def test_compressed_message_is_unimplemented(start_skymesh):
    server = start_skymesh()
    with grpc.insecure_channel(server.grpc_target, compression=grpc.Compression.Gzip) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        message = http_message([http_entry(i) for i in range(20)], with_identifier=True)
        with pytest.raises(grpc.RpcError) as error:
            stub.StreamAccessLogs(iter([message]), timeout=10)
        assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED


def _certificates(directory):
    """A CA, a server certificate for 127.0.0.1/localhost and a client certificate, as PEM files."""
    now = datetime.datetime.now(datetime.timezone.utc)

    def make(subject, issuer_name, issuer_key, key, is_ca, san=None):
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True))
        if san:
            builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    def name(common):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = make(name("skymesh test CA"), name("skymesh test CA"), ca_key, ca_key, True)
    import ipaddress
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = make(name("localhost"), ca.subject, ca_key, server_key, False,
                  [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    client_key = ec.generate_private_key(ec.SECP256R1())
    client = make(name("envoy-client"), ca.subject, ca_key, client_key, False, [x509.DNSName("envoy")])
    paths = {}
    for label, certificate, key in (("ca", ca, ca_key), ("server", server, server_key), ("client", client, client_key)):
        paths[label] = os.path.join(directory, f"{label}.pem")
        paths[label + "_key"] = os.path.join(directory, f"{label}-key.pem")
        with open(paths[label], "wb") as file:
            file.write(certificate.public_bytes(serialization.Encoding.PEM))
        with open(paths[label + "_key"], "wb") as file:
            file.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()))
    return paths


def test_tls_and_mutual_tls(start_skymesh, tmp_path):
    certs = _certificates(str(tmp_path))
    read = lambda path: open(path, "rb").read()
    server = start_skymesh("--grpc-tls-certificate-chain", certs["server"], "--grpc-tls-private-key",
                           certs["server_key"])
    credentials = grpc.ssl_channel_credentials(root_certificates=read(certs["ca"]))
    message = http_message([http_entry(1)], with_identifier=True)
    with grpc.secure_channel(server.grpc_target, credentials) as channel:
        _, call = als_v3_grpc.AccessLogServiceStub(channel).StreamAccessLogs.with_call(iter([message]), timeout=10)
        assert call.code() == grpc.StatusCode.OK
    wait_for(server, HTTP_ENTRIES, 1)

    mutual = start_skymesh("--grpc-tls-certificate-chain", certs["server"], "--grpc-tls-private-key",
                           certs["server_key"], "--grpc-tls-client-ca", certs["ca"])
    with grpc.secure_channel(mutual.grpc_target, credentials) as channel:
        with pytest.raises(grpc.RpcError) as error:
            als_v3_grpc.AccessLogServiceStub(channel).StreamAccessLogs(iter([message]), timeout=10)
        assert error.value.code() == grpc.StatusCode.UNAVAILABLE
    with_client = grpc.ssl_channel_credentials(root_certificates=read(certs["ca"]),
                                               private_key=read(certs["client_key"]),
                                               certificate_chain=read(certs["client"]))
    with grpc.secure_channel(mutual.grpc_target, with_client) as channel:
        _, call = als_v3_grpc.AccessLogServiceStub(channel).StreamAccessLogs.with_call(iter([message]), timeout=10)
        assert call.code() == grpc.StatusCode.OK
    wait_for(mutual, HTTP_ENTRIES, 1)
