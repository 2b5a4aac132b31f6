"""Bug: recv_bytes_into() checks the room after ``offset`` but writes the message at the start
of the buffer."""

from multiprocessing import connection, reduction

from tests.mutants.base import ALL, mutant


class OffsetlessConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        size = super().recv_bytes_into(buf, offset)
        with memoryview(buf).cast("B") as m:
            m[:size] = m[offset:offset + size].tobytes()  # the bug: the message lands at 0
        return size


def rebuild(df, readable, writable):
    return OffsetlessConnection(df.detach(), readable, writable)


def reduce(conn):
    return rebuild, (reduction.DupFd(conn.fileno()), conn.readable, conn.writable)


reduction.register(OffsetlessConnection, reduce)  # stays itself in spawned children


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = OffsetlessConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {"test_pipe.py::test_messages_cross_processes_intact_with_boundaries": ALL}
