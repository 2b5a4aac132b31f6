"""Bug: the non-blocking branch of get() returns None where it should raise queue.Empty (a
``return`` written for ``raise Empty``): get(False) and get_nowait() on an empty Queue return
None, indistinguishable from a None that was put.  The real get(False) raises queue.Empty when
nothing is waiting."""

import time
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler
from queue import Empty

from tests.mutants.base import mutant, violated


class NoneReturningQueue(queues.Queue):
    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if block and timeout is None:
            with self._rlock:
                res = self._recv_bytes()
            self._sem.release()
        else:
            if block:
                deadline = time.monotonic() + timeout
            if not self._rlock.acquire(block, timeout):
                raise Empty
            try:
                if block:
                    timeout = deadline - time.monotonic()
                    if not self._poll(timeout):
                        raise Empty
                elif not self._poll():
                    return None  # the bug: ``raise Empty``
                res = self._recv_bytes()
                self._sem.release()
            finally:
                self._rlock.release()
        return ForkingPickler.loads(res)


def queue(ctx, maxsize=0):
    return NoneReturningQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_get_from_empty_queue_raises_empty_never_early": violated("returned"),
}
