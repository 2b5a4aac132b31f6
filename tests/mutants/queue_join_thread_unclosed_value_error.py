"""Bug: join_thread() before close() raises ValueError — the type put() and get() use for a
closed queue, chosen when the ``assert`` (which ``python -O`` strips) was made a real check —
instead of the AssertionError the docs name.  The real join_thread() asserts that the queue is
closed."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class CheckingQueue(queues.Queue):
    def join_thread(self):
        if not self._closed:
            raise ValueError(f"Queue {self!r} not closed")  # the bug: not AssertionError
        if self._jointhread:
            self._jointhread()


def queue(ctx, maxsize=0):
    return CheckingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_join_thread_only_after_close": violated("raised-other"),
}
