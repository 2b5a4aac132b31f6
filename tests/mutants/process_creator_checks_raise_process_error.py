"""Bug: start(), join() and is_alive() check that the caller created the Process object with an
explicit `raise ProcessError(...)` (so that the check survives python -O) instead of the
assertion, so a non-creator's call raises ProcessError; CPython raises AssertionError."""

import os

from multiprocessing import ProcessError
from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class ProcessErrorChecks:
    def _check_creator(self, what):
        if self._parent_pid != os.getpid():
            raise ProcessError(f"can only {what} a child process")  # the bug: not an assertion

    def start(self):
        self._check_closed()
        self._check_creator("start")
        return super().start()

    def join(self, timeout=None):
        self._check_closed()
        self._check_creator("join")
        return super().join(timeout)

    def is_alive(self):
        self._check_closed()
        if self is process_module.current_process():
            return True
        self._check_creator("test")
        return super().is_alive()


get_context, get_all_start_methods = mutant(Process=process_of(ProcessErrorChecks, globals()))
KILLS = {
    "test_process.py::test_only_the_creator_may_join_or_test_a_process":
        violated("refused-otherwise"),
}
