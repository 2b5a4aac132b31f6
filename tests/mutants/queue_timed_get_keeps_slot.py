"""Bug: get() with a timeout (or non-blocking) does not give back the slot of the item it took
(``self._sem.release()`` is only on the path of a get that blocks without limit), so a full
Queue stays full after such a get.  The real get() frees the slot on both paths."""

import time
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler
from queue import Empty

from tests.mutants.base import mutant, violated


class SlotKeepingQueue(queues.Queue):
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
                    if not self._poll(deadline - time.monotonic()):
                        raise Empty
                elif not self._poll():
                    raise Empty
                res = self._recv_bytes()  # the bug: no self._sem.release() after it
            finally:
                self._rlock.release()
        return ForkingPickler.loads(res)


def queue(ctx, maxsize=0):
    return SlotKeepingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("still-full"),
}
