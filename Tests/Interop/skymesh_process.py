"""`skymesh serve` as a child process on free loopback ports: the one launcher of the interop tests (conftest.py),
the query and MQE benchmarks (bench_query.py, bench_mqe.py) and the booster-ui compatibility run
(webui-compat/live.py). Standard library only, so every virtual environment can import it."""

import os
import re
import subprocess
import time
import urllib.request


class SkymeshProcess:
    """A running `skymesh serve` with its database and log in `directory`; both listeners bind 127.0.0.1 port 0 and
    the ports are read from the startup log line (`grpc=127.0.0.1:N http=127.0.0.1:M`)."""

    def __init__(self, binary, directory, *extra_args, start_timeout=30.0):
        """Starts the server and waits for its ports; on failure (exit or timeout) stops it and raises RuntimeError
        with the log."""
        self.binary, self.directory, self.extra_args = binary, directory, extra_args
        self.log_path = os.path.join(directory, "skymesh.log")
        self.log = open(self.log_path, "w+")
        args = [binary, "serve", "--grpc-host", "127.0.0.1", "--grpc-port", "0", "--http-host", "127.0.0.1",
                "--http-port", "0", "--db", os.path.join(directory, "skymesh.db"), *extra_args]
        try:
            self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        except OSError:
            self.log.close()
            raise
        deadline = time.monotonic() + start_timeout
        while True:
            text = self.log_text()
            grpc_match = re.search(r"grpc=127\.0\.0\.1:(\d+)", text)
            http_match = re.search(r"http=127\.0\.0\.1:(\d+)", text)
            if grpc_match and http_match:
                self.grpc_port, self.http_port = int(grpc_match.group(1)), int(http_match.group(1))
                return
            if self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"skymesh exited with {self.process.returncode}:\n{text}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"skymesh did not start within {start_timeout:.0f} s:\n{text}")
            time.sleep(0.05)

    @property
    def grpc_target(self):
        """The gRPC listener as `127.0.0.1:PORT`, as grpcio takes it."""
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def url(self):
        """The GraphQL endpoint, `http://127.0.0.1:PORT/graphql`."""
        return self.http_url("/graphql")

    def http_url(self, path):
        """`path` on the HTTP listener."""
        return f"http://127.0.0.1:{self.http_port}{path}"

    def log_text(self):
        """The server's output so far."""
        with open(self.log_path) as log:
            return log.read()

    def metrics(self):
        """The /metrics series as {'name{labels}': value}."""
        with urllib.request.urlopen(self.http_url("/metrics"), timeout=10) as response:
            text = response.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values

    def stop(self, timeout=15.0):
        """SIGTERM, then SIGKILL after `timeout` seconds; returns the exit code (0 after a clean shutdown). Stopping
        a stopped server returns its exit code again."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode
