"""Bug: SimpleQueue is implemented as a full Queue: it grows qsize/full/put_nowait/get_nowait
and timeouts, and pickles in a feeder thread, so put() of an unpicklable object returns."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


def simple_queue(ctx):
    return queues.Queue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_put_pickles_at_once": violated("returned"),
    "test_queue.py::test_simple_queue_has_only_put_get_empty_close": violated("extra-method"),
}
