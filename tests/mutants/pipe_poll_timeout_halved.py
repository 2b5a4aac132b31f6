"""Bug: poll(timeout) converts its timeout with the wrong unit and gives up halfway."""

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class HastyConnection(connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(None if timeout is None else timeout / 2)


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = HastyConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_poll_waits_its_timeout_when_nothing_arrives": violated("early"),
}
