"""Bug: send_bytes() does not validate offset and size; it sends whatever slice Python's
slicing makes of them (empty or clamped) instead of raising ValueError."""

from multiprocessing import connection

from tests.mutants.base import mutant, violated


class UncheckedConnection(connection.Connection):
    def send_bytes(self, buf, offset=0, size=None):
        m = memoryview(buf).cast("B")
        end = len(m) if size is None else offset + size
        self._send_bytes(m[offset:end])  # the bug: no range checks


def pipe(ctx, duplex=True):
    ends = ctx.Pipe(duplex)
    for end in ends:
        end.__class__ = UncheckedConnection
    return ends


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_send_bytes_sends_the_slice_or_rejects_it": violated("returned"),
}
