"""Bug: sentinel is the read end of a pipe whose write end the parent closes at start()
instead of leaving it to the child, so it is ready while the child still runs."""

import multiprocessing.connection
import os

from tests.mutants.base import mutant, process_of, violated


class EarlySentinel:
    @property
    def sentinel(self):
        if "_early_sentinel" not in self.__dict__:
            self._check_closed()
            super().sentinel  # noqa: B018 -- raises ValueError before start(), as it must
            reader, writer = os.pipe()
            os.close(writer)
            self._early_sentinel = reader
        return self._early_sentinel


get_context, get_all_start_methods = mutant(Process=process_of(EarlySentinel, globals()))
connection = multiprocessing.connection  # wait(): the implementation's own
KILLS = {
    "test_process.py::test_sentinels_are_ready_exactly_when_children_end":
        violated("ready-early", "no-exitcode"),
}
