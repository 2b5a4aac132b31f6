"""Bug: poll() tests what wait() returned against None, as if wait() returned None when nothing
is ready; wait() returns a list (empty when nothing is ready), so poll() always says True, with
nothing to read too.  The real poll() returns ``bool(wait([self], timeout))``."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class NoneCheckingPollConnection(connection.Connection):
    def _poll(self, timeout):
        return connection.wait([self], timeout) is not None  # the bug: never None


get_context, get_all_start_methods = mutant(Pipe=pipe_of(NoneCheckingPollConnection))
KILLS = {
    "test_pipe.py::test_poll_waits_its_timeout_when_nothing_arrives":
        violated("ready-without-data"),
}
