"""Bug: poll() treats a timeout of None like its default of zero (``timeout or 0.0``), so
poll(None) returns at once instead of waiting without limit."""

from multiprocessing import connection, reduction

from tests.mutants.base import ALL, mutant


class ZeroPollConnection(connection.Connection):
    def poll(self, timeout=0.0):
        return super().poll(timeout or 0.0)  # the bug


def rebuild(df, readable, writable):
    return ZeroPollConnection(df.detach(), readable, writable)


def reduce(conn):
    return rebuild, (reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


reduction.register(ZeroPollConnection, reduce)  # stays itself in spawned children


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = ZeroPollConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {"test_pipe.py::test_poll_none_waits_until_data_arrives": ALL}
