"""Bug: poll() waits with an edge-triggered epoll registration (EPOLLET): it reports data once,
when it arrives, and then never again while that data is still unread, so poll() says False
with a message waiting.  The real poll() is level-triggered: True for as long as there is
something to read."""

import select

from multiprocessing import connection

from tests.mutants.base import mutant, pipe_of, violated


class EdgeTriggeredConnection(connection.Connection):
    _epoll = None  # made on the first poll(), per process (a received end makes its own)

    def _poll(self, timeout):
        if self._epoll is None:
            self._epoll = select.epoll()
            # the bug: EPOLLET reports a change of readiness, not readiness
            self._epoll.register(self.fileno(), select.EPOLLIN | select.EPOLLET)
        return bool(self._epoll.poll(-1 if timeout is None else timeout))

    def _close(self, *args):
        if self._epoll is not None:
            self._epoll.close()
        super()._close(*args)


get_context, get_all_start_methods = mutant(Pipe=pipe_of(EdgeTriggeredConnection))
KILLS = {
    "test_pipe.py::test_poll_waits_its_timeout_when_nothing_arrives":
        violated("not-ready-with-data"),
}
