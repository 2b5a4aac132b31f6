"""Bug: full() compares the item count with ``>`` instead of ``>=``, so a Queue holding maxsize
items says it is not full."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LenientFullQueue(queues.Queue):
    def full(self):
        return self.qsize() > self._maxsize  # the bug: ``>=``


def queue(ctx, maxsize=0):
    return LenientFullQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("not-full"),
}
