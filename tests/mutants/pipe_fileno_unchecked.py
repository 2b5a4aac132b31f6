"""Bug: fileno() does not check whether the connection is closed: after close() it returns the
cleared handle (None) instead of raising OSError("handle is closed")."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class UncheckedFilenoConnection(connection.Connection):
    def fileno(self):
        return self._handle  # the bug: no self._check_closed()


get_context, get_all_start_methods = mutant(Pipe=pipe_of(UncheckedFilenoConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("returned"),
}
