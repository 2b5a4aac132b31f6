"""Bug: terminate() sends SIGKILL, like kill(), so a child cannot handle it and nothing marks
the difference between the two."""

from tests.mutants.base import mutant, process_of, violated


class KillingTerminate:
    def terminate(self):
        self.kill()


get_context, get_all_start_methods = mutant(Process=process_of(KillingTerminate, globals()))
KILLS = {
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("wrong-exitcode"),
    "test_process.py::test_kill_ends_a_child_that_outlives_terminate":
        violated("ended-by-terminate"),
}
