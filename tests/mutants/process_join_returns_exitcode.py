"""Bug: join() returns what the underlying wait returned (the exit code once the child has
ended) instead of None; CPython's join() always returns None and leaves the exit code to
Process.exitcode."""

from tests.mutants.base import mutant, process_of, violated


class ExitcodeJoin:
    def join(self, timeout=None):
        super().join(timeout)
        return self.exitcode  # the bug: the wait's result is passed on


get_context, get_all_start_methods = mutant(Process=process_of(ExitcodeJoin, globals()))
KILLS = {
    "test_process.py::test_join_with_a_timeout_never_returns_early": violated("wrong-state"),
}
