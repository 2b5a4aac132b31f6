"""Bug: receiving reads "whatever is available": when the next message has already arrived, it
is appended to the one being received, so two messages come out as one (and recv() unpickles
only the first of them)."""

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class MergingConnection(connection.Connection):
    def _recv_bytes(self, maxsize=None):
        buf = super()._recv_bytes(maxsize)
        if buf is not None and self._poll(0):  # the bug: message boundaries not kept
            more = super()._recv_bytes(maxsize)
            if more is not None:
                buf.write(more.getvalue())
        return buf


get_context, get_all_start_methods = mutant(Pipe=pipe_of(MergingConnection))
KILLS = {
    "test_pipe.py::test_messages_cross_processes_intact_with_boundaries":
        violated("raised", also=("altered", "missing")),
}
