"""Bug: BufferTooShort carries only the part of the message that fitted in the buffer, not the
whole message."""

from multiprocessing import BufferTooShort, connection

from tests.mutants.base import mutant, violated


class PartialConnection(connection.Connection):
    def recv_bytes_into(self, buf, offset=0):
        try:
            return super().recv_bytes_into(buf, offset)
        except BufferTooShort as exc:
            room = memoryview(buf).nbytes - offset
            raise BufferTooShort(exc.args[0][:room]) from None  # the bug


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = PartialConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_too_short_buffer_raises_buffer_too_short_with_whole_message":
        violated("partial-message"),
}
