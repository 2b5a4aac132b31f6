"""Bug: start() and is_alive() do not check that the caller created the Process object, so a
process that received a sibling's object can start it or read its state."""

import os

from tests.mutants.base import mutant, process_of, violated


class AnyCaller:
    def start(self):
        self._parent_pid = os.getpid()  # the bug: whoever calls becomes the creator
        return super().start()

    def is_alive(self):
        if self._parent_pid != os.getpid() and self._popen is None:
            return False  # the bug: no creator check
        return super().is_alive()


get_context, get_all_start_methods = mutant(Process=process_of(AnyCaller, globals()))
KILLS = {
    "test_process.py::test_only_the_creator_may_join_or_test_a_process": violated("allowed"),
}
