"""Bug: the exit code of a child killed by a signal is the signal number, positive (the wait
status decoded without its sign), so it reads like sys.exit(N)."""

from tests.mutants.base import mutant, process_of, violated


class UnsignedExitcode:
    @property
    def exitcode(self):
        code = super().exitcode
        return abs(code) if code is not None else None


get_context, get_all_start_methods = mutant(Process=process_of(UnsignedExitcode, globals()))
KILLS = {
    "test_process.py::test_signals_end_children_with_minus_the_signal_number":
        violated("wrong-exitcode"),
    "test_process.py::test_kill_ends_a_child_that_outlives_terminate": violated("wrong-exitcode"),
}
