"""The query protocol over real HTTP at 100 services (scripts/bench-query; docs/benchmarks.md).

Starts `skymesh serve` on free loopback ports with a temporary database, seeds a realistic mesh over real gRPC ALS
(grpcio + xds-protos: 100 services × 3 instances with pod/namespace attributes, 10 endpoints each, every service
calling 3 others — 300 relations, each seen client side and server side — over the last 30 minutes), waits for
the flush, checks the three answers booster-ui needs, then drives each query with wrk and prints requests/s and
the p50/p90/p99 latency, medians of RUNS runs. Not a pytest module (no test_ prefix).

The documents are our own, selecting what booster-ui's pages read (query-protocol.md §1.2–1.3).
"""

import argparse
import base64
import contextlib
import datetime
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import grpc
from google.protobuf import any_pb2, struct_pb2

from als_messages import node_metadata
from skymesh_process import SkymeshProcess
from envoy.data.accesslog.v3 import accesslog_pb2 as data_v3
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SERVICES, INSTANCES, ENDPOINTS, CALLEES = 100, 3, 10, 3
CALLEE_OFFSETS = (1, 7, 31)  # service i calls i+1, i+7, i+31 (mod 100): 300 distinct relations, 3 callers each
NAMESPACES = ("shop", "payments", "catalog", "platform")
MINUTES = 30
CALLS_PER_RELATION_MINUTE = 2
ENTRIES_PER_MESSAGE = 50  # Envoy's ALS buffer flushes at most this many entries per message (alsgen does the same)

# Our own documents selecting what booster-ui's service list, topology and instance list read
# (query-protocol.md §1.2-1.3, §6), under the aliases it dereferences.
LIST_SERVICES = ("query BenchServices($layer: String!) { services: listServices(layer: $layer) "
                 "{ id value: name label: name group shortName layers normal } }")
SERVICES_TOPOLOGY = ("query BenchTopology($serviceIds: [ID!]!, $duration: Duration!) { topology: "
                     "getServicesTopology(serviceIds: $serviceIds, duration: $duration) "
                     "{ nodes { id name type isReal layers } calls { id source target detectPoints } } }")
LIST_INSTANCES = ("query BenchInstances($serviceId: ID!, $duration: Duration!) { pods: listInstances("
                  "serviceId: $serviceId, duration: $duration) "
                  "{ id value: name label: name language instanceUUID attributes { name value } } }")


# MARK: - The mesh

class Service:
    def __init__(self, index):
        self.index = index
        self.app = f"svc-{index:02d}"
        self.namespace = NAMESPACES[index % len(NAMESPACES)]
        self.name = f"{self.app}.{self.namespace}"  # OAP's default mapping: canonical-name.namespace
        replica_set = f"{self.app}-{random.Random(index).getrandbits(32):08x}"[:len(self.app) + 9]
        self.pods = [Pod(self, f"{replica_set}-{suffix}", f"10.{index // 100 + 1}.{index % 100}.{10 + j}")
                     for j, suffix in enumerate(("x7k2p", "m4q9z", "c8v3n")[:INSTANCES])]
        verbs = ("GET", "POST")
        self.endpoints = [(verbs[k % 2], f"/api/v1/{self.app}/resource-{k}") for k in range(ENDPOINTS)]


class Pod:
    def __init__(self, service, name, ip):
        self.service, self.name, self.ip = service, name, ip
        app, namespace = service.app, service.namespace
        self.node_id = f"sidecar~{ip}~{name}.{namespace}~{namespace}.svc.cluster.local"
        metadata = node_metadata(name, app, namespace)
        metadata["INSTANCE_IPS"] = ip
        metadata["WORKLOAD_NAME"] = f"{app}-v1"
        self.node_metadata = metadata
        # The peer as current Istio (≥ 1.24) logs it: Any(Struct) in the node-metadata layout.
        peer = struct_pb2.Struct()
        peer.update({"NAME": name, "NAMESPACE": namespace, "WORKLOAD_NAME": f"{app}-v1", "CLUSTER_ID": "Kubernetes",
                     "LABELS": {"app": app, "version": "v1", "service.istio.io/canonical-name": app,
                                "service.istio.io/canonical-revision": "v1"},
                     "OWNER": f"kubernetes://apis/apps/v1/namespaces/{namespace}/deployments/{app}-v1"})
        self.peer = any_pb2.Any()
        self.peer.Pack(peer)

    def identifier(self):
        ident = als_v3.StreamAccessLogsMessage.Identifier(log_name="http_envoy_accesslog")
        ident.node.id = self.node_id
        ident.node.cluster = f"{self.service.app}.{self.service.namespace}"
        ident.node.metadata.CopyFrom(self.node_metadata)
        return ident


def mesh():
    services = [Service(i) for i in range(SERVICES)]
    relations = [(services[i], services[(i + offset) % SERVICES]) for i in range(SERVICES) for offset in CALLEE_OFFSETS]
    assert len({(a.name, b.name) for a, b in relations}) == SERVICES * CALLEES
    return services, relations


def http_entry(start, caller, callee, endpoint, latency_ms, code, side):
    """One HTTP entry as `side` ("client": the caller's sidecar, outbound; "server": the callee's, inbound) logs it."""
    method, path = endpoint
    entry = data_v3.HTTPAccessLogEntry()
    common = entry.common_properties
    common.start_time.FromNanoseconds(start)
    common.time_to_last_rx_byte.FromNanoseconds(200_000)
    common.time_to_first_upstream_tx_byte.FromNanoseconds(400_000)
    common.time_to_last_upstream_rx_byte.FromNanoseconds(latency_ms * 1_000_000 - 300_000)
    common.time_to_last_downstream_tx_byte.FromNanoseconds(latency_ms * 1_000_000)
    port = 8080
    if side == "client":
        common.downstream_remote_address.socket_address.address = caller.ip
        common.downstream_remote_address.socket_address.port_value = 40000 + start % 20000
        common.upstream_remote_address.socket_address.address = callee.ip
        common.upstream_remote_address.socket_address.port_value = port
        common.upstream_cluster = f"outbound|{port}||{callee.service.app}.{callee.service.namespace}.svc.cluster.local"
        common.filter_state_objects["upstream_peer"].CopyFrom(callee.peer)
    else:
        common.downstream_remote_address.socket_address.address = caller.ip
        common.downstream_remote_address.socket_address.port_value = 40000 + start % 20000
        common.upstream_remote_address.socket_address.address = "127.0.0.6"
        common.upstream_remote_address.socket_address.port_value = port
        common.upstream_cluster = f"inbound|{port}||"
        common.filter_state_objects["downstream_peer"].CopyFrom(caller.peer)
        sans = common.tls_properties
        sans.tls_version = data_v3.TLSProperties.TLSv1_3
        sans.local_certificate_properties.subject_alt_name.add(
            uri=f"spiffe://cluster.local/ns/{callee.service.namespace}/sa/{callee.service.app}")
        sans.peer_certificate_properties.subject_alt_name.add(
            uri=f"spiffe://cluster.local/ns/{caller.service.namespace}/sa/{caller.service.app}")
    entry.protocol_version = data_v3.HTTPAccessLogEntry.HTTP11
    entry.request.request_method = 1 if method == "GET" else 3
    entry.request.scheme = "http"
    entry.request.authority = f"{callee.service.app}.{callee.service.namespace}:{port}"
    entry.request.path = path
    entry.request.user_agent = "Go-http-client/1.1"
    entry.request.request_id = f"{start:x}-{caller.name}"
    entry.request.request_headers_bytes = 310
    entry.request.request_body_bytes = 0 if method == "GET" else 420
    entry.response.response_code.value = code
    entry.response.response_code_details = "via_upstream"
    entry.response.response_headers_bytes = 180
    entry.response.response_body_bytes = 1400 + start % 600
    return entry


def traffic(relations, now):
    """{pod: [entries]}: every relation called CALLS_PER_RELATION_MINUTE times a minute over the last MINUTES
    minutes (the current one included), each call logged by both sidecars."""
    rng = random.Random(42)
    last_minute = int(now) // 60 * 60
    logs = {}
    for minute in range(last_minute - (MINUTES - 1) * 60, last_minute + 60, 60):
        for caller_service, callee_service in relations:
            for _ in range(CALLS_PER_RELATION_MINUTE):
                second = minute + rng.randrange(60)
                if second > now - 1:
                    second = minute
                start = second * 1_000_000_000 + rng.randrange(1_000_000_000)
                caller, callee = rng.choice(caller_service.pods), rng.choice(callee_service.pods)
                endpoint = rng.choice(callee_service.endpoints)
                latency = max(1, int(rng.lognormvariate(3.0, 0.8)))
                code = 503 if rng.random() < 0.01 else (404 if rng.random() < 0.02 else 200)
                for side, pod in (("client", caller), ("server", callee)):
                    logs.setdefault(pod, []).append(http_entry(start, caller, callee, endpoint, latency, code, side))
    return logs


def seed(target, logs):
    """One gRPC stream per sidecar, as Envoy keeps it; messages of at most ENTRIES_PER_MESSAGE entries in time
    order, the identifier in the first. Returns the number of entries sent."""
    sent = 0
    with grpc.insecure_channel(target) as channel:
        stub = als_v3_grpc.AccessLogServiceStub(channel)
        for pod, entries in logs.items():
            entries.sort(key=lambda entry: entry.common_properties.start_time.ToNanoseconds())
            messages = []
            for first in range(0, len(entries), ENTRIES_PER_MESSAGE):
                message = als_v3.StreamAccessLogsMessage()
                if first == 0:
                    message.identifier.CopyFrom(pod.identifier())
                message.http_logs.log_entry.extend(entries[first:first + ENTRIES_PER_MESSAGE])
                messages.append(message)
            _, call = stub.StreamAccessLogs.with_call(iter(messages), timeout=60)
            if call.code() != grpc.StatusCode.OK:
                raise RuntimeError(f"StreamAccessLogs for {pod.name}: {call.code()}")
            sent += len(entries)
    return sent


# MARK: - The server

@contextlib.contextmanager
def bench_server(binary, prefix, keep=False):
    """`skymesh serve` (skymesh_process.py, flushing every second) in a new temporary directory, for the `with`
    block; on every exit (errors, Ctrl-C, SIGTERM and SIGHUP such as a closing terminal included) the server is
    stopped, its log printed when it did not exit 0, and the directory removed unless `keep`."""
    directory = tempfile.mkdtemp(prefix=prefix)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda received, _: sys.exit(128 + received))
    server = None
    try:
        server = SkymeshProcess(binary, directory, "--flush-interval", "1s")
        yield server
    finally:
        code = server.stop(timeout=20) if server else None
        if code not in (None, 0):
            print(f"skymesh exited with {code}; log:\n{server.log_text()[-4000:]}", file=sys.stderr)
        if keep:
            print(f"kept {directory}", file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)


def post(url, body):
    """POSTs `body` (JSON) as booster-ui does; returns (status, parsed JSON)."""
    request = urllib.request.Request(url, data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def body(query, variables):
    return json.dumps({"query": query, "variables": variables}, separators=(",", ":"))


# MARK: - Checks (never time errors)

def check_services(server, services):
    status, answer = post(server.url, body(LIST_SERVICES, {"layer": "MESH"}))
    if status != 200 or not isinstance(answer, dict) or answer.get("errors"):
        return f"listServices: HTTP {status}: {str(answer)[:500]}"
    found = {service["value"]: service for service in answer["data"]["services"]}
    expected = {service.name for service in services}
    if set(found) != expected:
        return f"listServices: {len(found)} services, {len(expected & set(found))} of the {len(expected)} expected"
    for service in services:
        entry = found[service.name]
        if entry["id"] != base64.b64encode(service.name.encode()).decode() + ".1" or entry["layers"] != ["MESH"]:
            return f"listServices: unexpected {entry}"
    return None


def check_topology(server, services, relations, duration):
    ids = [base64.b64encode(service.name.encode()).decode() + ".1" for service in services]
    status, answer = post(server.url, body(SERVICES_TOPOLOGY, {"duration": duration, "serviceIds": ids}))
    if status != 200 or not isinstance(answer, dict) or answer.get("errors"):
        return f"getServicesTopology: HTTP {status}: {str(answer)[:500]}"
    topology = answer["data"]["topology"]
    names = {node["id"]: node["name"] for node in topology["nodes"]}
    if set(names.values()) != {service.name for service in services}:
        return f"getServicesTopology: {len(names)} nodes, not the {len(services)} services"
    calls = {(names.get(call["source"]), names.get(call["target"])): call for call in topology["calls"]}
    expected = {(a.name, b.name) for a, b in relations}
    if set(calls) != expected or len(topology["calls"]) != len(expected):
        return f"getServicesTopology: {len(topology['calls'])} calls, {len(expected & set(calls))} of {len(expected)}"
    both = sum(1 for call in calls.values() if call["detectPoints"] == ["CLIENT", "SERVER"])
    if both != len(expected):
        return f"getServicesTopology: only {both} of {len(expected)} calls seen from both sides"
    return None


def check_instances(server, services, duration):
    for service in services:
        service_id = base64.b64encode(service.name.encode()).decode() + ".1"
        status, answer = post(server.url, body(LIST_INSTANCES, {"serviceId": service_id, "duration": duration}))
        if status != 200 or not isinstance(answer, dict) or answer.get("errors"):
            return f"listInstances({service.name}): HTTP {status}: {str(answer)[:500]}"
        pods = answer["data"]["pods"]
        if sorted(pod["value"] for pod in pods) != sorted(pod.name for pod in service.pods):
            return f"listInstances({service.name}): {[pod['value'] for pod in pods]}"
        for pod in pods:
            attributes = {attribute["name"]: attribute["value"] for attribute in pod["attributes"]}
            if attributes.get("pod") != pod["value"] or attributes.get("namespace") != service.namespace:
                return f"listInstances({service.name}): attributes {pod['attributes']}"
    return None


def check_all(server, services, relations, duration):
    return (check_services(server, services) or check_topology(server, services, relations, duration)
            or check_instances(server, services, duration))


# MARK: - wrk

def lua_script(path, bodies):
    """A wrk script POSTing `bodies` in turn (each thread starts at a different one)."""
    quoted = ",\n".join(f"[==[{text}]==]" for text in bodies)
    with open(path, "w") as script:
        script.write(f"""wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
local bodies = {{
{quoted}
}}
local threads = 0
setup = function(thread) threads = threads + 1; thread:set("first", threads * 37) end
local index = 0
init = function(args) index = first or 0 end
request = function()
    index = index % #bodies + 1
    return wrk.format(nil, nil, nil, bodies[index])
end
""")
    return path


def milliseconds(text):
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60000.0)):
        if text.endswith(unit):
            return float(text[:-len(unit)]) * scale
    return float(text)


def wrk(url, script, connections, threads, seconds):
    out = subprocess.run(["wrk", "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s",
                          "--timeout", "10s", "-s", script, url], capture_output=True, text=True, check=True).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
              "requests": int(re.search(r"(\d+) requests in", out).group(1))}
    for percent in ("50", "75", "90", "99"):
        result[f"p{percent}"] = milliseconds(re.search(rf"^\s+{percent}%\s+(\S+)", out, re.M).group(1))
    problems = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out)
    result["errors"] = "; ".join(problems)
    return result


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def table(rows):
    """`rows` (the first one the header) as a Markdown table, the first column left-aligned, the others right."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) if column == 0 else cell.rjust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


# MARK: - Main

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("SKYMESH_BINARY") or os.path.join(
        ROOT, ".build-release", "release", "skymesh"),
                        help="the skymesh to run (default: $SKYMESH_BINARY, else .build-release/release/skymesh)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; medians are reported (%(default)s)")
    parser.add_argument("--connections", type=int, default=10, help="wrk connections (%(default)s)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads, at most one per connection (%(default)s)")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per timed run (%(default)s)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each run (%(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, log)")
    options = parser.parse_args()
    options.threads = max(1, min(options.threads, options.connections))  # wrk needs a connection per thread

    print(f"load before: {uptime()}", flush=True)
    with bench_server(options.binary, "skymesh-bench-query-", options.keep) as server:
        services, relations = mesh()
        now = time.time()
        began = time.monotonic()
        logs = traffic(relations, now)
        sent = seed(server.grpc_target, logs)
        print(f"seeded {sent} HTTP entries over {len(logs)} gRPC streams in {time.monotonic() - began:.1f} s: "
              f"{SERVICES} services × {INSTANCES} instances, {ENDPOINTS} endpoints each, {len(relations)} relations "
              f"seen from both sides, {MINUTES} minutes", flush=True)
        # The UI's "last 30 minutes" in the server's zone (UTC: --time-offset-hours 0), fixed for the whole run.
        end = datetime.datetime.fromtimestamp(now, datetime.timezone.utc)
        begin = end - datetime.timedelta(minutes=MINUTES)
        duration = {"start": begin.strftime("%Y-%m-%d %H%M"), "end": end.strftime("%Y-%m-%d %H%M"),
                    "step": "MINUTE", "coldStage": False}

        # Wait for the flush: poll until every answer is complete (listServices first, as the UI asks).
        deadline, problem = time.time() + 60, "not checked"
        while time.time() < deadline:
            problem = check_all(server, services, relations, duration)
            if problem is None:
                break
            time.sleep(0.5)
        if problem:
            raise RuntimeError(f"the seeded data did not show up within 60 s: {problem}")
        print(f"checked: listServices 100 services; getServicesTopology 100 nodes, 300 calls (CLIENT+SERVER); "
              f"listInstances 3 instances with pod/namespace for each of the 100 services; all HTTP 200 without "
              f"errors", flush=True)

        ids = [base64.b64encode(service.name.encode()).decode() + ".1" for service in services]
        queries = [
            ("listServices(layer: MESH)", [body(LIST_SERVICES, {"layer": "MESH"})]),
            ("getServicesTopology(100 ids, 30 min)", [body(SERVICES_TOPOLOGY, {"duration": duration,
                                                                                "serviceIds": ids})]),
            ("listInstances(30 min, serviceId)", [body(LIST_INSTANCES, {"serviceId": service_id,
                                                                         "duration": duration})
                                                  for service_id in ids]),
        ]
        scripts = [lua_script(os.path.join(server.directory, f"query{index}.lua"), bodies)
                   for index, (_, bodies) in enumerate(queries)]
        sizes = [len(json.dumps(post(server.url, bodies[0])[1], separators=(",", ":"))) for _, bodies in queries]

        print(f"load before timing: {uptime()}", flush=True)
        results = {name: [] for name, _ in queries}
        for run in range(1, options.runs + 1):
            for (name, _), script in zip(queries, scripts):
                if options.warmup > 0:
                    wrk(server.url, script, options.connections, options.threads, options.warmup)
                result = wrk(server.url, script, options.connections, options.threads, options.seconds)
                results[name].append(result)
                print(f"run {run} {name}: {result['rps']:.0f} req/s, p50 {result['p50']:.2f} ms, "
                      f"p90 {result['p90']:.2f} ms, p99 {result['p99']:.2f} ms {result['errors']}".rstrip(),
                      flush=True)
        print(f"load after timing: {uptime()}", flush=True)

        problem = check_all(server, services, relations, duration)
        if problem:
            raise RuntimeError(f"after timing: {problem}")
        failed = [name for name, runs in results.items() if any(result["errors"] for result in runs)]

        print()
        print(f"skymesh query protocol over HTTP/1.1, {SERVICES} services; wrk {options.threads} threads, "
              f"{options.connections} connections, {options.seconds} s per run after {options.warmup} s warm-up; "
              f"medians of {options.runs} runs ({os.cpu_count()} cores, shared with wrk)")
        rows = [("query", "response", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99 min-max")]
        for (name, runs), size in zip(results.items(), sizes):
            median = lambda key: statistics.median(result[key] for result in runs)
            p99s = [result["p99"] for result in runs]
            rows.append((name, f"{size / 1024:.1f} kB", f"{median('rps'):.0f}", f"{median('p50'):.2f}",
                         f"{median('p90'):.2f}", f"{median('p99'):.2f}", f"{min(p99s):.2f}-{max(p99s):.2f}"))
        print(table(rows))
        if failed:
            raise RuntimeError(f"wrk saw errors for {', '.join(failed)}")


if __name__ == "__main__":
    main()
