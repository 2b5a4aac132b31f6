"""Bug: send() never blocks the sender: when the pipe has no room — more than its buffer (64 KiB
on Linux) already in flight — the message is silently dropped instead of waiting for the
reader.  The receiver, out of step, may then also fail to decode a message."""

import select

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class NonBlockingConnection(connection.Connection):
    def _send_bytes(self, buf):
        _, writable, _ = select.select([], [self._handle], [], 0)
        if not writable:
            return  # the bug: a full pipe drops the message
        super()._send_bytes(buf)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(NonBlockingConnection))
KILLS = {
    "test_pipe.py::test_messages_cross_processes_intact_with_boundaries":
        violated(also=("missing", "raised", "altered")),  # which one depends on the timing
}
