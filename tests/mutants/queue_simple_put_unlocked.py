"""Bug: SimpleQueue.put() writes without the write lock, assuming pipe writes are atomic (as on
Windows message pipes); large messages from concurrent producers interleave."""

from multiprocessing import queues
from multiprocessing.context import reduction

from tests.mutants.base import mutant, timed_out


class UnlockedSimpleQueue(queues.SimpleQueue):
    def put(self, obj):
        self._writer.send_bytes(reduction.ForkingPickler.dumps(obj))  # the bug: no _wlock


def simple_queue(ctx):
    return UnlockedSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_carries_each_producers_items_in_order":
        timed_out("SimpleQueue.put or SimpleQueue.get"),
}
