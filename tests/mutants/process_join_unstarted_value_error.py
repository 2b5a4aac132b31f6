"""Bug: join() of a Process that was never started raises ValueError("process not started"),
as its sentinel does, instead of failing the assertion "can only join a started process"
(AssertionError) as the real implementation does."""

import os

from tests.mutants.base import mutant, process_of, violated


class ValueErrorJoin:
    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == os.getpid(), "can only join a child process"
        if self._popen is None:
            raise ValueError("process not started")  # the bug: CPython asserts
        return super().join(timeout)


get_context, get_all_start_methods = mutant(Process=process_of(ValueErrorJoin, globals()))
KILLS = {
    "test_process.py::test_misuse_of_a_process_object_is_refused": violated("raised-other"),
}
