"""The ALS sender of scripts/bench-mqe (bench_mqe.py --ingest) against a real skymesh: it streams until SIGTERM and
then ends every stream cleanly, so the benchmark can tell a server that broke streams from a normal stop."""

import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def test_sender_stops_on_sigterm_with_every_stream_finished(start_skymesh):
    server = start_skymesh()
    sender = subprocess.Popen([sys.executable, os.path.join(HERE, "bench_mqe.py"), "--ingest", server.grpc_target,
                               "--ingest-rate", "3000"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while server.metric("skymesh_als_streams_total{api=\"v3\"}") < 300:  # every sidecar's stream is open
            assert sender.poll() is None and time.monotonic() < deadline, sender.communicate()[0]
            time.sleep(0.1)
        sender.send_signal(signal.SIGTERM)
        output, _ = sender.communicate(timeout=60)
    finally:
        if sender.poll() is None:
            sender.kill()
            sender.wait()
    assert sender.returncode == 0, output
    report = json.loads(output.splitlines()[-1])
    assert (report["streams"], report["unfinished"]) == (300, 0), report
    assert report["entries"] > 0 and report["messages"] > 0, report
