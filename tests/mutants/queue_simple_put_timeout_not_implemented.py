"""Bug: SimpleQueue.put() takes Queue's ``block`` and ``timeout`` arguments "for compatibility"
and, having no timed write, refuses a timeout or a non-blocking put with NotImplementedError.
The real SimpleQueue.put() takes the item only: other arguments raise TypeError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class CompatibleSimpleQueue(queues.SimpleQueue):
    def put(self, obj, block=True, timeout=None):
        if not block or timeout is not None:  # the bug: not TypeError
            raise NotImplementedError("SimpleQueue.put() cannot time out")
        super().put(obj)


def simple_queue(ctx):
    return CompatibleSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_has_only_put_get_empty_close": violated("raised-other"),
}
