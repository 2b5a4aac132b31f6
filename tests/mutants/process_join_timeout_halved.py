"""Bug: join(timeout) converts its timeout with the wrong unit and gives up halfway."""

from tests.mutants.base import mutant, process_of, violated


class HalfTimeoutJoin:
    def join(self, timeout=None):
        return super().join(timeout / 2 if timeout is not None and timeout > 0 else timeout)


get_context, get_all_start_methods = mutant(Process=process_of(HalfTimeoutJoin, globals()))
KILLS = {
    "test_process.py::test_join_with_a_timeout_never_returns_early": violated("early"),
}
