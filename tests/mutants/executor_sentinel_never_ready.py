"""Bug: a process's sentinel is a pipe whose write end the parent itself keeps open, so it never
becomes ready: an executor whose worker dies never notices, and hangs instead of breaking."""

import os

from tests.mutants.base import mutant, process_of, timed_out


class DeafSentinel:
    @property
    def sentinel(self):
        if "_deaf_sentinel" not in self.__dict__:
            self._check_closed()
            super().sentinel  # raises ValueError before start(), as it must
            self._deaf_sentinel = os.pipe()  # the bug: the write end is never closed
        return self._deaf_sentinel[0]


get_context, get_all_start_methods = mutant(Process=process_of(DeafSentinel, globals()))
KILLS = {
    "test_executor.py::test_a_worker_that_dies_breaks_the_executor":
        timed_out("futures of an executor whose worker died"),
}
