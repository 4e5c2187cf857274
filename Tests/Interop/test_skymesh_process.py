"""The launcher every interop test, benchmark and the webui-compat run starts skymesh with (skymesh_process.py): it
leaves nothing behind, neither a process nor a directory outside pytest's own."""

import os
import stat
import time

import pytest

from skymesh_process import SkymeshProcess


def test_servers_run_in_pytest_temporary_directories(start_skymesh, tmp_path_factory):
    """Databases and logs go under pytest's base temporary directory, which pytest prunes (it keeps the last three
    runs), not into new directories of /tmp that nothing removes."""
    base = str(tmp_path_factory.getbasetemp())
    first, second = start_skymesh(), start_skymesh()
    assert first.directory != second.directory
    for server in (first, second):
        assert os.path.commonpath([server.directory, base]) == base, server.directory
        assert os.path.exists(os.path.join(server.directory, "skymesh.db"))


def test_a_server_that_never_reports_its_ports_is_stopped(tmp_path):
    """A binary that starts but never logs its ports fails the start after the timeout, and is not left running."""
    pid_file = tmp_path / "pid"
    binary = tmp_path / "silent-skymesh"
    binary.write_text(f"#!/bin/sh\necho $$ > '{pid_file}'\nexec sleep 60\n")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(RuntimeError, match="did not start within"):
        SkymeshProcess(str(binary), str(tmp_path), start_timeout=1)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, 9)
    pytest.fail(f"the process {pid} was still running after the failed start")


def test_a_server_that_exits_is_reported_with_its_log(tmp_path):
    binary = tmp_path / "failing-skymesh"
    binary.write_text("#!/bin/sh\necho 'cannot bind' >&2\nexit 3\n")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(RuntimeError, match="(?s)exited with 3.*cannot bind"):
        SkymeshProcess(str(binary), str(tmp_path))
