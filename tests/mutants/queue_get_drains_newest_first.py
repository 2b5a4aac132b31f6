"""Bug: get() saves system calls by reading every message waiting in the pipe at once into a
local list, and hands them out with ``list.pop()`` — the newest first — instead of
``pop(0)``: several items waiting come out in reverse order.  The real get() reads one message
per call, the oldest."""

import time
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler
from queue import Empty

from tests.mutants.base import mutant, violated


class DrainingQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._pending = []  # messages read from the pipe, not yet handed out

    def _read_waiting(self):
        self._pending.append(self._recv_bytes())
        while self._poll():
            self._pending.append(self._recv_bytes())

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if not self._pending:
            if block and timeout is None:
                with self._rlock:
                    self._read_waiting()
            else:
                if block:
                    deadline = time.monotonic() + timeout
                if not self._rlock.acquire(block, timeout):
                    raise Empty
                try:
                    if block:
                        if not self._poll(deadline - time.monotonic()):
                            raise Empty
                    elif not self._poll():
                        raise Empty
                    self._read_waiting()
                finally:
                    self._rlock.release()
        res = self._pending.pop()  # the bug: the newest; pop(0) is the oldest
        self._sem.release()
        return ForkingPickler.loads(res)


def queue(ctx, maxsize=0):
    return DrainingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("not-first"),
}
