"""Bug: writes to a pipe whose reader has gone are silently dropped (EPIPE swallowed) instead of
raising BrokenPipeError."""

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class DeafConnection(connection.Connection):
    def _send(self, buf, *args):
        try:
            super()._send(buf, *args)
        except BrokenPipeError:
            pass  # the bug


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = DeafConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_send_to_closed_peer_raises_broken_pipe": violated("returned"),
}
