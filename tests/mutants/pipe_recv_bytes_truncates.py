"""Bug: recv_bytes(maxlength) returns the first maxlength bytes of a longer message instead of
raising OSError."""

import io

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class TruncatingConnection(connection.Connection):
    def _recv_bytes(self, maxsize=None):
        buf = super()._recv_bytes()
        if maxsize is not None and buf.tell() > maxsize:
            return io.BytesIO(buf.getvalue()[:maxsize])  # the bug
        return buf


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = TruncatingConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("returned"),
}
