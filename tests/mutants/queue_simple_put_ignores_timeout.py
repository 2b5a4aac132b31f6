"""Bug: SimpleQueue.put() takes Queue's ``block`` and ``timeout`` arguments "for compatibility"
and ignores them, so put(x, timeout=1) is accepted (and may block without limit on a full
pipe).  The real SimpleQueue.put() takes the item only: other arguments raise TypeError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class CompatibleSimpleQueue(queues.SimpleQueue):
    def put(self, obj, block=True, timeout=None):  # the bug: block and timeout are ignored
        super().put(obj)


def simple_queue(ctx):
    return CompatibleSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_has_only_put_get_empty_close": violated("returned"),
}
