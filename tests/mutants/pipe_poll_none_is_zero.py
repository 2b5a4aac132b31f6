"""Bug: poll() treats a timeout of None like its default of zero (``timeout or 0.0``), so
poll(None) returns at once instead of waiting without limit."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class ZeroPollConnection(connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(timeout or 0.0)  # the bug


get_context, get_all_start_methods = mutant(Pipe=pipe_of(ZeroPollConnection))
KILLS = {
    "test_pipe.py::test_poll_none_waits_until_data_arrives": violated("gave-up"),
}
