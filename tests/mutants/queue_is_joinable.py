"""Bug: Queue is an alias of JoinableQueue, so a plain Queue grows task_done() and join()."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


def queue(ctx, maxsize=0):
    return queues.JoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_only_joinable_queue_has_task_done_and_join": violated("extra-method"),
}
