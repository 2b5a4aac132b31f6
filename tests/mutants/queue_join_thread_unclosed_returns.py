"""Bug: join_thread() before close() returns at once — made "safe to call any time", it has
nothing to join while the queue is open — instead of raising AssertionError.  The real
join_thread() asserts that the queue is closed."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LenientQueue(queues.Queue):
    def join_thread(self):
        if not self._closed:
            return  # the bug: no ``assert self._closed``
        if self._jointhread:
            self._jointhread()


def queue(ctx, maxsize=0):
    return LenientQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_join_thread_only_after_close": violated("returned"),
}
