"""Bug: terminate() and kill() send their signal without checking whether the child has already
ended and been reaped, so on an ended child os.kill() raises ProcessLookupError; CPython sends
nothing once the exit code is known (and ignores ProcessLookupError)."""

import os
import signal

from tests.mutants.base import mutant, process_of, violated


class UncheckedSignal:
    def terminate(self):
        self._check_closed()
        os.kill(self.pid, signal.SIGTERM)  # the bug: no returncode check

    def kill(self):
        self._check_closed()
        os.kill(self.pid, signal.SIGKILL)  # the bug: no returncode check


get_context, get_all_start_methods = mutant(Process=process_of(UncheckedSignal, globals()))
KILLS = {
    "test_process.py::test_kill_ends_a_child_that_outlives_terminate":
        violated("changed-after-end"),
}
