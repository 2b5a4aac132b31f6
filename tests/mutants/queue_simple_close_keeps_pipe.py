"""Bug: SimpleQueue.close() forgets to close the pipe ends, so the queue stays usable after
close() instead of raising OSError."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class OpenSimpleQueue(queues.SimpleQueue):
    def close(self):
        pass  # the bug: the reader and writer are never closed


def simple_queue(ctx):
    return OpenSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_unusable_after_close": violated("returned"),
}
