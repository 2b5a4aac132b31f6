"""Bug: the connection keeps its own ``closed`` flag, set False when it is made, and close()
closes the handle but never sets the flag: ``closed`` stays False after close().  The real
Connection derives ``closed`` from the handle itself (None once closed)."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class FlaggedConnection(connection.Connection):
    _closed_flag = False  # set when the connection is made; nothing ever sets it True

    @property
    def closed(self):
        return self._closed_flag  # the bug: close() does not update the flag


get_context, get_all_start_methods = mutant(Pipe=pipe_of(FlaggedConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("still-open"),
}
