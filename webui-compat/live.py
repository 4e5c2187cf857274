#!/usr/bin/env python3
"""The compatibility run (called by webui-compat/run): starts a real `skymesh serve` on free loopback ports with a
temporary database, sends it real ALS traffic over gRPC (traffic.py), waits until that traffic is analyzed and
flushed, then runs the harness on webui-compat/documents and on every other --documents directory, and stops the
server (also on failure). Exit status: the worst of the harness runs; 2 when the server cannot be run."""

import argparse
import os
import shutil
import sys
import tempfile
import time

import harness
import traffic

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "Interop"))
from skymesh_process import SkymeshProcess  # noqa: E402 (the launcher the interop tests use)


class Server(SkymeshProcess):
    """`skymesh serve` (Tests/Interop/skymesh_process.py) in a new temporary directory, flushing every second, with
    the service mapping of traffic.py."""

    def __init__(self, binary, extra_args=()):
        directory = tempfile.mkdtemp(prefix="skymesh-webui-compat-")
        mapping = os.path.join(directory, "metadata-service-mapping.yaml")
        with open(mapping, "w") as f:
            f.write(traffic.MAPPING_YAML)
        try:
            super().__init__(binary, directory, "--flush-interval", "1s", "--service-mapping-file", mapping,
                             *extra_args)
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise

    def wait_flushed(self, entries, flush_interval=1.0, timeout=30.0):
        """Waits until the analysis has counted `entries` entries, a flush has been committed after that, and two
        flush intervals have passed (a flush only runs when there is something to write, and one in progress
        when the last entries arrived may not hold them; the next one does)."""
        deadline = time.time() + timeout
        reached = flushes_then = None
        metrics = {}
        while time.time() < deadline:
            metrics = self.metrics()
            flushes = metrics.get("skymesh_storage_flushes_total", 0)
            if reached is None and metrics.get("skymesh_analysis_entries_total", 0) >= entries:
                reached, flushes_then = time.time(), flushes
            if reached is not None and flushes > flushes_then and time.time() - reached >= 2.5 * flush_interval:
                if metrics.get("skymesh_storage_flush_failures_total", 0):
                    raise RuntimeError("skymesh reports failed flushes")
                return metrics
            time.sleep(0.1)
        raise RuntimeError(f"traffic not flushed within {timeout:.0f} s (analyzed "
                           f"{metrics.get('skymesh_analysis_entries_total', 0):.0f} of {entries} entries, "
                           f"{metrics.get('skymesh_storage_flushes_total', 0):.0f} flushes)")

    def remove(self):
        """Deletes the temporary directory (database and log)."""
        shutil.rmtree(self.directory, ignore_errors=True)


def main(argv=None):
    """Runs the whole compatibility check; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("SKYMESH_BINARY",
                                                           os.path.join(ROOT, ".build", "debug", "skymesh")),
                        help="the skymesh to run (default: $SKYMESH_BINARY, else .build/debug/skymesh)")
    parser.add_argument("--documents", action="append", default=[], metavar="DIR",
                        help="more document directories (webui-compat/documents always runs)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, log)")
    args, harness_args = parser.parse_known_args(argv)

    try:
        server = Server(args.binary)
    except (OSError, RuntimeError) as error:
        print(f"webui-compat: cannot run {args.binary}: {error}", file=sys.stderr)
        return 2
    status = 0
    try:
        message_streams, entries = traffic.streams()
        traffic.send(f"127.0.0.1:{server.grpc_port}", message_streams)
        metrics = server.wait_flushed(entries)
        print(f"webui-compat: skymesh on 127.0.0.1:{server.http_port} (grpc {server.grpc_port}); sent {entries} ALS "
              f"entries in {len(message_streams)} streams; {metrics.get('skymesh_storage_metric_rows_total', 0):.0f} "
              f"metric rows flushed", flush=True)
        url = f"http://127.0.0.1:{server.http_port}/graphql"
        for directory in [os.path.join(HERE, "documents"), *args.documents]:
            print(f"\n== {os.path.relpath(directory, ROOT)}", flush=True)
            code = harness.main(["--url", url, "--documents", directory, *harness_args])
            status = max(status, code)
    except (OSError, RuntimeError, harness.HarnessError) as error:
        print(f"webui-compat: {error}", file=sys.stderr)
        status = 2
    finally:
        code = server.stop()
        if code != 0:
            print(f"webui-compat: skymesh exited with {code}; its log:\n{server.log_text()}", file=sys.stderr)
            status = max(status, 1)
        if args.keep:
            print(f"webui-compat: kept {server.directory}")
        else:
            server.remove()
    return status


if __name__ == "__main__":
    sys.exit(main())
