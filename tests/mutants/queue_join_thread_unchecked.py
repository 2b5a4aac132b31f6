"""Bug: join_thread() lost its "not closed" check, so called before close() it joins a feeder
thread that never ends instead of raising AssertionError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class UncheckedQueue(queues.Queue):
    def join_thread(self):
        if self._jointhread:  # the bug: no ``assert self._closed``
            self._jointhread()


def queue(ctx, maxsize=0):
    return UncheckedQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_join_thread_only_after_close": violated("blocked"),
}
