"""Bug: poll(timeout) hands its timeout to the connection's wait helper, which expects an
absolute time.monotonic() deadline: a relative timeout is a deadline long past, so poll(t)
returns False at once without looking, data waiting or not (poll(None), no deadline, still
waits).  The real poll(t) reports data already waiting at once and otherwise waits up to t
seconds."""

import time

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated

SLICE = 0.05  # the helper waits in slices, so that it rechecks its deadline


class DeadlinePollConnection(connection.Connection):
    def _poll(self, timeout):
        return self._wait_readable(timeout)  # the bug: should be time.monotonic() + timeout

    def _wait_readable(self, deadline):
        """True once readable before the monotonic ``deadline`` (None: no deadline)."""
        while deadline is None or time.monotonic() < deadline:
            remaining = None if deadline is None else min(SLICE, deadline - time.monotonic())
            if connection.wait([self], remaining):
                return True
        return False


get_context, get_all_start_methods = mutant(Pipe=pipe_of(DeadlinePollConnection))
KILLS = {
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("lost"),
    "test_pipe.py::test_recv_after_peer_closed_raises_eof": violated("lost"),
    "test_pipe.py::test_recv_bytes_longer_than_maxlength_raises": violated("lost"),
    "test_pipe.py::test_send_of_unpicklable_raises_and_sends_nothing": violated("lost"),
}
