"""Bug: a Connection pickles as its bare file descriptor number, which means something only in
a process that inherited the descriptor table at that moment: a Connection sent to a running
child (or to any spawned child) is unusable there."""

from multiprocessing import connection, reduction

from tests.mutants.base import mutant, violated


class FdNumberConnection(connection.Connection):
    pass


def rebuild(fd, readable, writable):
    return FdNumberConnection(fd, readable, writable)


def reduce(conn):
    return rebuild, (conn.fileno(), conn.readable, conn.writable)  # the bug: no DupFd


reduction.register(FdNumberConnection, reduce)


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = FdNumberConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_connection_sent_over_connection_works":
        violated("raised", "unusable"),
}
