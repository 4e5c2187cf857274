"""MQE batches over real HTTP at 100 services, while ingesting (scripts/bench-mqe; docs/benchmarks.md).

Starts `skymesh serve` on free loopback ports with a temporary database, seeds the mesh of bench_query.py over real
gRPC ALS (100 services × 3 instances, 300 relations seen from both sides, the last 30 minutes), then starts an ALS
sender in its own process that streams current traffic on one long-lived gRPC stream per sidecar (300 streams) at
a steady rate for as long as the timing lasts. Two batched `execExpression` documents are timed with wrk:

* the Mesh-Service overview's 6-widget batch: one request, 6 aliased `execExpression`s sharing one entity (cycled
  over the 100 services), the last 30 minutes at MINUTE step (31 points, both ends included);
* the topology's node-metrics batch: one request, 20 entities × 10 expressions = 200 aliased `execExpression`s
  (5 bodies covering the 100 services).

Every body wrk will send is checked before each timed run (HTTP 200, no GraphQL `errors`, every alias `error: null`
with the expected type and data), so errors are never timed. Each run reports wrk's latency, the server's own request
duration (the delta of skymesh_http_request_duration_seconds around the run: first byte to response queued) and the
ALS entries the server received per second during the run. Not a pytest module (no test_ prefix).

The documents and expressions are our own, shaped like what booster-ui sends (query-protocol.md §1.2 item 9, §1.3;
mesh-dashboard-widgets.md, Mesh-Service).
"""

import argparse
import asyncio
import base64
import datetime
import json
import math
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

import grpc

import bench_query
from bench_query import (SERVICES, INSTANCES, bench_server, body, http_entry, lua_script, mesh, post, seed, table,
                         traffic, uptime, wrk)
from envoy.service.accesslog.v3 import als_pb2 as als_v3
from envoy.service.accesslog.v3 import als_pb2_grpc as als_v3_grpc

MINUTES = 30  # the UI's default "last 30 minutes", MINUTE step: 31 points, both ends included
POINTS = MINUTES + 1

# What execExpression selects, as booster-ui's widgets and topology select it (query-protocol.md §3.1).
RESULT = ("{ type error results { metric { labels { key value } } values { id value traceID owner { scope serviceID "
          "serviceName normal serviceInstanceID serviceInstanceName endpointID endpointName } } } }")

# The Mesh-Service overview, one request of 6 widgets (mesh-dashboard-widgets.md, Mesh-Service Tab[0]:Overview):
# three cards, two lines (one of them the relabelled percentiles) and a top list of the service's instances.
# (expression, the type it must answer)
WIDGETS = [
    ("avg(service_apdex)/10000", "SINGLE_VALUE"),
    ("avg(service_sla)/100", "SINGLE_VALUE"),
    ("avg(service_cpm)", "SINGLE_VALUE"),
    ("service_resp_time", "TIME_SERIES_VALUES"),
    ("relabels(service_percentile{p='50,75,90,95,99'},p='50,75,90,95,99',percentile='50,75,90,95,99')",
     "TIME_SERIES_VALUES"),
    ("top_n(service_instance_cpm,10,des)", "SORTED_LIST"),
]

# The topology's node metrics (§1.2 item 9): the three node expressions and the legend of the Mesh templates, plus
# the service list's and the overview cards' averages, for 10 distinct expressions per node.
NODE_EXPRESSIONS = [
    "avg(service_cpm)",
    "avg(service_sla/100)",
    "avg(service_resp_time)",
    "(avg(service_sla) < 9500) * (avg(service_cpm) > 1) == 1",
    "avg(service_apdex)/10000",
    "avg(service_sla)/100",
    "avg(service_apdex/10000)",
    "max(service_resp_time)",
    "avg(service_sidecar_internal_req_latency_nanos)",
    "avg(service_percentile{p='99'})",
]
TOPOLOGY_NODES = 20

WIDGET_BATCH = ("query BenchWidgets($entity: Entity!, $duration: Duration!, "
                + ", ".join(f"$expression{index}: String!" for index in range(len(WIDGETS))) + ") { "
                + " ".join(f"expression{index}: execExpression(expression: $expression{index}, entity: $entity, "
                           f"duration: $duration) {RESULT}" for index in range(len(WIDGETS))) + " }")

TOPOLOGY_BATCH = ("query BenchTopologyNodes($duration: Duration!, "
                  + ", ".join(f"$entity{node}: Entity!" for node in range(TOPOLOGY_NODES)) + ", "
                  + ", ".join(f"$expression{index}: String!" for index in range(len(NODE_EXPRESSIONS))) + ") { "
                  + " ".join(f"node{node}_{index}: execExpression(expression: $expression{index}, "
                             f"entity: $entity{node}, duration: $duration) {RESULT}"
                             for node in range(TOPOLOGY_NODES) for index in range(len(NODE_EXPRESSIONS)))
                  + " }")


def service_id(service):
    return base64.b64encode(service.name.encode()).decode() + ".1"


def last_minutes(minutes=MINUTES):
    """The UI's "last N minutes" at MINUTE step in the server's zone (UTC), as it sends it now."""
    end = datetime.datetime.now(datetime.timezone.utc)
    begin = end - datetime.timedelta(minutes=minutes)
    return {"start": begin.strftime("%Y-%m-%d %H%M"), "end": end.strftime("%Y-%m-%d %H%M"), "step": "MINUTE",
            "coldStage": False}


def widget_bodies(services, duration):
    """One 6-widget batch per service (wrk cycles through them)."""
    variables = {f"expression{index}": expression for index, (expression, _) in enumerate(WIDGETS)}
    return [([service], body(WIDGET_BATCH, {"entity": {"serviceName": service.name, "normal": True},
                                            "duration": duration, **variables}))
            for service in services]


def topology_bodies(services, duration):
    """One 200-alias batch per 20 services: 5 bodies covering the 100 services."""
    bodies = []
    for first in range(0, len(services), TOPOLOGY_NODES):
        group = services[first:first + TOPOLOGY_NODES]
        variables = {"duration": duration}
        for node, service in enumerate(group):
            # As the topology sends a node's entity: names, normal, the instance field undefined (dropped by JSON).
            variables[f"entity{node}"] = {"serviceName": service.name, "normal": True}
        for index, expression in enumerate(NODE_EXPRESSIONS):
            variables[f"expression{index}"] = expression
        bodies.append((group, body(TOPOLOGY_BATCH, variables)))
    return bodies


# MARK: - Checks (never time errors)

def minute_ids(duration):
    """The epoch-ms ids of the window's points, start to end inclusive (the server runs in UTC)."""
    start = datetime.datetime.strptime(duration["start"], "%Y-%m-%d %H%M").replace(tzinfo=datetime.timezone.utc)
    end = datetime.datetime.strptime(duration["end"], "%Y-%m-%d %H%M").replace(tzinfo=datetime.timezone.utc)
    first, last = int(start.timestamp()) * 1000, int(end.timestamp()) * 1000
    return [str(ms) for ms in range(first, last + 60_000, 60_000)]


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def check_single(name, result, label=None):
    results = result["results"]
    if len(results) != 1 or len(results[0]["values"]) != 1:
        return f"{name}: {len(results)} results, expected 1 with 1 value: {str(result)[:300]}"
    labels = [(pair["key"], pair["value"]) for pair in results[0]["metric"]["labels"]]
    if labels != ([label] if label else []):
        return f"{name}: labels {labels}"
    if number(results[0]["values"][0]["value"]) is None:
        return f"{name}: no value: {results[0]['values'][0]}"
    return None


def check_series(name, result, duration, labels):
    results = result["results"]
    found = [[(pair["key"], pair["value"]) for pair in series["metric"]["labels"]] for series in results]
    if found != labels:
        return f"{name}: series {found}, expected {labels}"
    ids = minute_ids(duration)
    for series in results:
        values = series["values"]
        if [value["id"] for value in values] != ids:
            return f"{name}: {len(values)} points {[value['id'] for value in values][:3]}…, expected {len(ids)}"
        present = sum(number(value["value"]) is not None for value in values)
        # The seeding covers the 30 minutes before the start; the first point of a window taken then is empty.
        if present < len(ids) - 1:
            return f"{name}: only {present} of {len(ids)} points have a value"
    return None


def check_top_instances(name, result, service):
    values = result["results"][0]["values"] if len(result["results"]) == 1 else []
    pods = sorted(pod.name for pod in service.pods)
    if sorted(value["id"] for value in values) != pods:
        return f"{name}: {[value['id'] for value in values]}, expected {pods}"
    for value in values:
        owner = value["owner"] or {}
        if (owner.get("scope") != "ServiceInstance" or owner.get("serviceName") != service.name
                or owner.get("serviceID") != service_id(service) or number(value["value"]) is None):
            return f"{name}: value {value}"
    return None


def answer_of(server, text, aliases):
    status, answer = post(server.url, text)
    if status != 200 or not isinstance(answer, dict) or answer.get("errors"):
        return None, f"HTTP {status}: {str(answer)[:500]}"
    data = answer.get("data") or {}
    if sorted(data) != sorted(aliases):
        return None, f"{len(data)} aliases answered, expected {len(aliases)}"
    for alias in aliases:
        result = data[alias]
        if result["error"] is not None:
            return None, f"{alias}: error {result['error']!r}"
    return data, None


def check_widgets(server, service, text, duration):
    aliases = [f"expression{index}" for index in range(len(WIDGETS))]
    data, problem = answer_of(server, text, aliases)
    if problem:
        return f"widget batch ({service.name}): {problem}"
    for alias, (expression, kind) in zip(aliases, WIDGETS):
        result = data[alias]
        name = f"widget batch ({service.name}) {alias} {expression}"
        if result["type"] != kind:
            return f"{name}: type {result['type']}, expected {kind}"
        if kind == "SINGLE_VALUE":
            problem = check_single(name, result)
        elif kind == "SORTED_LIST":
            problem = check_top_instances(name, result, service)
        elif expression.startswith("relabels"):
            problem = check_series(name, result, duration, [[("percentile", p)] for p in ("50", "75", "90", "95", "99")])
        else:
            problem = check_series(name, result, duration, [[]])
        if problem:
            return problem
    return None


def check_topology(server, group, text):
    aliases = [f"node{node}_{index}" for node in range(len(group)) for index in range(len(NODE_EXPRESSIONS))]
    data, problem = answer_of(server, text, aliases)
    if problem:
        return f"topology batch ({group[0].name}…): {problem}"
    for node, service in enumerate(group):
        for index, expression in enumerate(NODE_EXPRESSIONS):
            result = data[f"node{node}_{index}"]
            name = f"topology batch {service.name} {expression}"
            if result["type"] != "SINGLE_VALUE":
                return f"{name}: type {result['type']}"
            label = ("p", "99") if "service_percentile" in expression else None
            problem = check_single(name, result, label)
            if problem:
                return problem
            if "==" in expression and result["results"][0]["values"][0]["value"] not in ("0", "1"):
                return f"{name}: legend {result['results'][0]['values'][0]['value']}"
    return None


# MARK: - Server-side measurements (/metrics)

def scrape(server):
    """The server's request-duration histogram (cumulative buckets by bound, sum, count) and ALS entries received."""
    url = server.url.rsplit("/", 1)[0] + "/metrics"
    with urllib.request.urlopen(url, timeout=10) as response:
        text = response.read().decode()
    buckets = {}
    for bound, count in re.findall(r'^skymesh_http_request_duration_seconds_bucket\{le="([^"]+)"\} (\d+)', text, re.M):
        buckets[float(bound)] = int(count)
    total = lambda pattern: sum(float(value) for value in re.findall(pattern, text, re.M))
    return {"time": time.monotonic(), "buckets": buckets,
            "sum": total(r"^skymesh_http_request_duration_seconds_sum (\S+)"),
            "count": total(r"^skymesh_http_request_duration_seconds_count (\S+)"),
            "entries": total(r"^skymesh_als_entries_total\{[^}]*\} (\S+)")}


def server_side(before, after):
    """The requests served between two scrapes (the first scrape itself included: it is recorded after its page
    was rendered): count, mean, the share ≤ 10 ms (a bucket bound, so exact) and p50/p90/p99 interpolated
    within the buckets as Prometheus' histogram_quantile does (coarse: the bounds are 5, 10, 25, 50 ms)."""
    count = after["count"] - before["count"]
    bounds = sorted(after["buckets"])
    cumulative = [(bound, after["buckets"][bound] - before["buckets"].get(bound, 0)) for bound in bounds]
    result = {"count": count, "mean": (after["sum"] - before["sum"]) / count * 1000 if count else float("nan"),
              "within10": next((c for b, c in cumulative if b == 0.01), 0) / count if count else float("nan"),
              "ingest": (after["entries"] - before["entries"]) / (after["time"] - before["time"])}
    for quantile in (0.5, 0.9, 0.99):
        rank, previous_bound, previous_count = quantile * count, 0.0, 0
        value = float("nan")
        for bound, seen in cumulative:
            if seen >= rank and count:
                if math.isinf(bound):
                    value = previous_bound * 1000  # beyond the last finite bound: report that bound
                else:
                    inside = seen - previous_count
                    share = (rank - previous_count) / inside if inside else 1.0
                    value = (previous_bound + (bound - previous_bound) * share) * 1000
                break
            previous_bound, previous_count = bound, seen
        result[f"p{round(quantile * 100)}"] = value
    return result


# MARK: - The ALS sender (its own process)

def ingest_main(target, rate, seconds_between):
    """Streams current traffic into `target` at `rate` entries/s until SIGTERM: one long-lived v3 stream per
    sidecar (the identifier in its first message), the sidecars in turn, each message holding its sidecar's next
    entries restamped to now, as Envoy's ALS buffer flushes them. Prints what it sent when it stops."""
    services, relations = mesh()
    rng = random.Random(7)
    pools = {}
    # A pool of entries per pod: 8 calls per relation, each logged by the caller's and the callee's sidecar.
    for caller_service, callee_service in relations:
        for _ in range(8):
            caller, callee = rng.choice(caller_service.pods), rng.choice(callee_service.pods)
            endpoint = rng.choice(callee_service.endpoints)
            latency = max(1, int(rng.lognormvariate(3.0, 0.8)))
            code = 503 if rng.random() < 0.01 else (404 if rng.random() < 0.02 else 200)
            start = time.time_ns()
            for side, pod in (("client", caller), ("server", callee)):
                pools.setdefault(pod, []).append(http_entry(start, caller, callee, endpoint, latency, code, side))
    pods = list(pools)
    messages_per_second = max(len(pods) / seconds_between, math.ceil(rate / bench_query.ENTRIES_PER_MESSAGE))
    per_message = rate / messages_per_second
    counts = {"entries": 0, "messages": 0, "fell_behind": 0}

    async def send(calls, channels, stop):
        # Each sidecar has its own HTTP/2 connection, as Envoy's do (one channel each, not a shared subchannel:
        # the server allows 100 concurrent streams per connection). Runs until `stop` is set, between two writes:
        # cancelling a task inside `call.write` would cancel that sidecar's RPC, which then fails to finish.
        began, owed, k = time.monotonic(), 0.0, 0
        while not stop.is_set():
            delay = began + k / messages_per_second - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            elif delay < -1:  # more than a second behind: do not burst to catch up, count it
                counts["fell_behind"] += 1
                began, k = time.monotonic(), 0
            pod = pods[k % len(pods)]
            k += 1
            owed += per_message
            count = min(int(owed), bench_query.ENTRIES_PER_MESSAGE)
            if count == 0:
                continue
            owed -= count
            pool, cursor = pools[pod], cursors[pod]
            entries = [pool[(cursor + i) % len(pool)] for i in range(count)]
            cursors[pod] = (cursor + count) % len(pool)
            now = time.time_ns()
            for i, entry in enumerate(entries):  # in time order, the last one just now
                entry.common_properties.start_time.FromNanoseconds(now - (count - i) * 2_000_000)
            message = als_v3.StreamAccessLogsMessage()
            call = calls.get(pod)
            if call is None:
                channel = channels[pod] = grpc.aio.insecure_channel(
                    target, options=[("grpc.use_local_subchannel_pool", 1)])
                call = calls[pod] = als_v3_grpc.AccessLogServiceStub(channel).StreamAccessLogs()
                message.identifier.CopyFrom(pod.identifier())
            message.http_logs.log_entry.extend(entries)
            await call.write(message)
            counts["entries"] += count
            counts["messages"] += 1

    cursors = {pod: 0 for pod in pods}

    async def run():
        calls, channels, stop = {}, {}, asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop.set)
        began = time.monotonic()
        await send(calls, channels, stop)
        seconds = time.monotonic() - began
        unfinished = 0
        for pod, call in calls.items():  # end every stream as a sidecar that shuts down does
            try:
                await asyncio.wait_for(call.done_writing(), 5)
                await asyncio.wait_for(call, 5)
            except (asyncio.TimeoutError, grpc.aio.AioRpcError):
                unfinished += 1
        for channel in channels.values():
            await channel.close()
        print(json.dumps({**counts, "streams": len(calls), "unfinished": unfinished, "seconds": seconds}),
              flush=True)
        return unfinished

    if asyncio.run(run()):
        sys.exit(1)


class Ingest:
    """The sender as a child process (its own interpreter, so it never shares a GIL with the driver)."""

    def __init__(self, target, rate, directory):
        self.log_path = os.path.join(directory, "ingest.log")
        self.log = open(self.log_path, "w+")
        self.process = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--ingest", target,
                                         "--ingest-rate", str(rate)], stdout=self.log, stderr=subprocess.STDOUT)

    def check(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"the ALS sender exited with {self.process.returncode}:\n"
                               f"{open(self.log_path).read()[-3000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode, open(self.log_path).read().strip()


# MARK: - Main

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("SKYMESH_BINARY") or os.path.join(
        bench_query.ROOT, ".build-release", "release", "skymesh"),
                        help="the skymesh to run (default: $SKYMESH_BINARY, else .build-release/release/skymesh)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; medians are reported (%(default)s)")
    parser.add_argument("--connections", default="1,10", help="comma-separated; each count is timed in every run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads, at most one per connection (%(default)s)")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per timed run (%(default)s)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up before each run (%(default)s)")
    parser.add_argument("--ingest-rate", type=int, default=3000, help="ALS entries/s during timing; 0: none")
    parser.add_argument("--ingest", metavar="TARGET", help=argparse.SUPPRESS)  # the sender's own process
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    options = parser.parse_args()
    if options.ingest:
        ingest_main(options.ingest, options.ingest_rate, 1.0)
        return
    connection_counts = [int(count) for count in options.connections.split(",")]

    print(f"load before: {uptime()}", flush=True)
    with bench_server(options.binary, "skymesh-bench-mqe-", options.keep) as server:
        measure(server, options, connection_counts)


def measure(server, options, connection_counts):
    """Seeds `server`, checks both batches, times them while the sender ingests, and prints the results."""
    ingest = None
    try:
        services, relations = mesh()
        began = time.monotonic()
        logs = traffic(relations, time.time())
        sent = seed(server.grpc_target, logs)
        print(f"seeded {sent} HTTP entries over {len(logs)} gRPC streams in {time.monotonic() - began:.1f} s: "
              f"{SERVICES} services × {INSTANCES} instances, {len(relations)} relations seen from both sides, "
              f"{bench_query.MINUTES} minutes", flush=True)

        # Wait for the flush: poll until the first bodies of both batches check.
        deadline, problem = time.time() + 60, "not checked"
        while time.time() < deadline:
            duration = last_minutes()
            (service,), text = widget_bodies(services[:1], duration)[0]
            problem = check_widgets(server, service, text, duration)
            if problem is None:
                group, text = topology_bodies(services, duration)[0]
                problem = check_topology(server, group, text)
            if problem is None:
                break
            time.sleep(0.5)
        if problem:
            raise RuntimeError(f"the seeded data did not show up within 60 s: {problem}")

        if options.ingest_rate > 0:
            ingest = Ingest(server.grpc_target, options.ingest_rate, server.directory)
            time.sleep(3)  # the 300 streams open and the rate settles
            ingest.check()

        queries = [("6-widget batch (Mesh-Service, 1 entity)", widget_bodies, check_widgets_of),
                   ("topology batch (20 entities × 10 expr.)", topology_bodies, check_topology_of)]
        duration = last_minutes()
        sizes = {name: (len(bodies(services, duration)[0][1]),
                        len(json.dumps(post(server.url, bodies(services, duration)[0][1])[1], separators=(",", ":"))))
                 for name, bodies, _ in queries}
        print(f"load before timing: {uptime()}", flush=True)
        results = {(name, connections): [] for name, _, _ in queries for connections in connection_counts}
        for run in range(1, options.runs + 1):
            for connections in connection_counts:
                threads = max(1, min(options.threads, connections))
                for name, bodies, check in queries:
                    # The UI's "last 30 minutes" as of now: the newest point is the minute being ingested.
                    duration = last_minutes()
                    pairs = bodies(services, duration)
                    for subject, text in pairs:
                        problem = check(server, subject, text, duration)
                        if problem:
                            raise RuntimeError(f"before timing: {problem}")
                    script = lua_script(os.path.join(server.directory, "batch.lua"), [text for _, text in pairs])
                    if options.warmup > 0:
                        wrk(server.url, script, connections, threads, options.warmup)
                    if ingest:
                        ingest.check()
                    before = scrape(server)
                    result = wrk(server.url, script, connections, threads, options.seconds)
                    after = scrape(server)
                    if ingest:
                        ingest.check()
                    result["server"] = server_side(before, after)
                    result["load"] = os.getloadavg()[0]
                    results[(name, connections)].append(result)
                    served = result["server"]
                    print(f"run {run} {name}, {connections} conn.: {result['rps']:.0f} req/s, p50 "
                          f"{result['p50']:.2f} ms, p90 {result['p90']:.2f} ms, p99 {result['p99']:.2f} ms; server: "
                          f"{served['count']:.0f} requests, mean {served['mean']:.2f} ms, "
                          f"{served['within10'] * 100:.1f}% ≤ 10 ms, p99 ≈ {served['p99']:.1f} ms; ingest "
                          f"{served['ingest']:.0f} entries/s; load {result['load']:.2f} {result['errors']}".rstrip(),
                          flush=True)
        print(f"load after timing: {uptime()}", flush=True)
        sender = None
        if ingest:
            code, output = ingest.stop()
            ingest = None
            if code != 0:
                raise RuntimeError(f"the ALS sender exited with {code}: {output[-3000:]}")
            sender = json.loads(output.splitlines()[-1])

        duration = last_minutes()
        for name, bodies, check in queries:
            for subject, text in bodies(services, duration):
                problem = check(server, subject, text, duration)
                if problem:
                    raise RuntimeError(f"after timing: {problem}")
        failed = [f"{name} at {connections}" for (name, connections), runs in results.items()
                  if any(result["errors"] for result in runs)]

        print()
        print(f"skymesh MQE batches over HTTP/1.1, {SERVICES} services, last {MINUTES} min at MINUTE ({POINTS} "
              f"points); wrk up to {options.threads} threads, {options.seconds} s per run after {options.warmup} s "
              f"warm-up; medians of {options.runs} runs ({os.cpu_count()} cores, shared with wrk and the ALS sender)")
        if sender:
            print(f"ALS sender: {sender['entries']} entries in {sender['messages']} messages on {sender['streams']} "
                  f"streams over {sender['seconds']:.0f} s (target {options.ingest_rate}/s; fell behind "
                  f"{sender['fell_behind']} times)")
        for name, (request, response) in sizes.items():
            print(f"{name}: request {request / 1024:.1f} kB, response {response / 1024:.1f} kB")
        rows = [("query", "conn.", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99 min-max", "srv mean ms",
                 "srv ≤10 ms", "srv p99 ms≈", "p99≤10 ms", "ingest/s", "load")]
        for (name, connections), runs in results.items():
            median = lambda key: statistics.median(result[key] for result in runs)
            served = lambda key: statistics.median(result["server"][key] for result in runs)
            p99s = [result["p99"] for result in runs]
            # The target (p99 ≤ 10 ms server time) holds in a run when at least 99% of its requests took ≤ 10 ms.
            met = sum(result["server"]["within10"] >= 0.99 for result in runs)
            rows.append((name, str(connections), f"{median('rps'):.0f}", f"{median('p50'):.2f}",
                         f"{median('p90'):.2f}", f"{median('p99'):.2f}", f"{min(p99s):.2f}-{max(p99s):.2f}",
                         f"{served('mean'):.2f}", f"{served('within10') * 100:.1f}%", f"{served('p99'):.1f}",
                         f"{met}/{len(runs)} runs", f"{served('ingest'):.0f}", f"{median('load'):.2f}"))
        print(table(rows))
        print("srv: skymesh_http_request_duration_seconds over each run (first byte to response queued, so waiting "
              "for a CPU is included); '≤10 ms' is exact (a bucket bound), p99 is interpolated within buckets "
              "(…5, 10, 25, 50 ms…); 'p99≤10 ms': runs where ≥ 99% of requests took ≤ 10 ms; ingest/s: ALS entries "
              "the server decoded per second during the run.")
        if failed:
            raise RuntimeError(f"wrk saw errors for {', '.join(failed)}")
    finally:
        if ingest:
            ingest.stop()


def check_widgets_of(server, subject, text, duration):
    (service,) = subject
    return check_widgets(server, service, text, duration)


def check_topology_of(server, subject, text, duration):
    return check_topology(server, subject, text)


if __name__ == "__main__":
    main()
