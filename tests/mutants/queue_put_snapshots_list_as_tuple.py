"""Bug: put() pins a list at its state at the put by copying it into a tuple (so that changes
made after put() cannot race its pickling), and the tuple is what get() returns: a list put
arrives as a tuple, something it never was.  The real put() sends the object itself, pickled
by the feeder thread."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class SnapshottingQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        if type(obj) is list:
            obj = tuple(obj)  # the bug: the snapshot's type is delivered, not the list's
        super().put(obj, block, timeout)


def queue(ctx, maxsize=0):
    return SnapshottingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_item_arrives_as_it_was_at_put_or_later": violated("not-a-state"),
}
