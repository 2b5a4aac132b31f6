"""Bug: close() of an already closed connection raises OSError("handle is closed") instead of
doing nothing."""

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class StrictCloseConnection(connection.Connection):
    def close(self):
        self._check_closed()  # the bug
        super().close()


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = StrictCloseConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("raised"),
}
