"""Bug: end of file is read as an empty message instead of raising EOFError."""

import io

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class EmptyAtEofConnection(connection.Connection):
    def _recv_bytes(self, maxsize=None):
        try:
            return super()._recv_bytes(maxsize)
        except EOFError:
            return io.BytesIO()  # the bug


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = EmptyAtEofConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("returned"),
}
