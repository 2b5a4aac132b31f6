"""Bug: recv() retries, after a short pause, whenever receiving fails, meaning to retry an
interrupted read (EINTR): on a closed connection, on the sending end of a one-way pipe or at end
of file it waits forever instead of raising OSError or EOFError.  The real recv() raises at once
(and the system call is retried on EINTR below it, PEP 475)."""

import time
from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated

RETRY_PAUSE = 0.05


class RetryingConnection(connection.Connection):
    def recv(self):
        while True:
            try:
                return super().recv()
            except Exception:  # noqa: BLE001  (the bug: meant only InterruptedError)
                time.sleep(RETRY_PAUSE)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(RetryingConnection))
KILLS = {
    "test_pipe.py::test_closed_connection_refuses_use": violated("blocked"),
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("blocked"),
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("blocked"),
}
