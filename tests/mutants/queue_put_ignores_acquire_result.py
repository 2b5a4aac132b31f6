"""Bug: put() does not look at what acquiring a slot returned (``self._sem.acquire(block,
timeout)`` without ``if not ...: raise Full``): on a full Queue, put(x, False),
put_nowait(x) and put(x, timeout=t) return, queueing the item beyond maxsize.  The real put()
raises queue.Full when no slot was acquired."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class OverfillingQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        self._sem.acquire(block, timeout)  # the bug: a failed acquire is ignored

        with self._notempty:
            if self._thread is None:
                self._start_thread()
            self._buffer.append(obj)
            self._notempty.notify()


def queue(ctx, maxsize=0):
    return OverfillingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("returned"),
}
