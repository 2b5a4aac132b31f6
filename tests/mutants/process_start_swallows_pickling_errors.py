"""Bug: start() reports a failure to pickle the process object on stderr and returns, as if the
child had started, instead of raising."""

import pickle
import sys

from tests.mutants.base import SPAWNING, mutant, process_of, violated


class QuietStart:
    def start(self):
        try:
            super().start()
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            print(f"could not start {self.name}: {exc}", file=sys.stderr)  # the bug


get_context, get_all_start_methods = mutant(Process=process_of(QuietStart, globals()))
KILLS = {
    "test_process.py::test_unpicklable_targets_fail_at_start_only_under_spawning_methods":
        violated("started", under=SPAWNING),
    "test_executor.py::test_a_failing_initializer_breaks_the_executor":
        violated("unpicklable-accepted", under=SPAWNING),
}
