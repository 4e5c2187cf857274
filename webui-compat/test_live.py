"""Self-tests of the compatibility run's driver (live.py) that need no server. Run by webui-compat/run first."""

import contextlib
import io
import os
import tempfile
import unittest

import live


class LiveTests(unittest.TestCase):
    def test_a_server_that_cannot_run_is_exit_2_and_leaves_no_directory(self):
        with tempfile.TemporaryDirectory() as scratch:
            saved, tempfile.tempdir = tempfile.tempdir, scratch
            try:
                with contextlib.redirect_stderr(io.StringIO()) as errors:
                    status = live.main(["--binary", os.path.join(scratch, "no-such-skymesh")])
            finally:
                tempfile.tempdir = saved
            self.assertEqual(status, 2)
            self.assertIn("cannot run", errors.getvalue())
            self.assertEqual(os.listdir(scratch), [])


if __name__ == "__main__":
    unittest.main()
