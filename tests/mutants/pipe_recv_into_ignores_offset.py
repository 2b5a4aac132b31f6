"""Bug: recv_bytes_into() checks the room after ``offset`` but writes the message at the start
of the buffer."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class OffsetlessConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        size = super().recv_bytes_into(buf, offset)
        with memoryview(buf).cast("B") as m:
            m[:size] = m[offset:offset + size].tobytes()  # the bug: the message lands at 0
        return size


get_context, get_all_start_methods = mutant(Pipe=pipe_of(OffsetlessConnection))
KILLS = {
    "test_pipe.py::test_messages_cross_processes_intact_with_boundaries": violated("altered"),
}
