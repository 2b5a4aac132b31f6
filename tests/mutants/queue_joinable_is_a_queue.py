"""Bug: JoinableQueue is an alias of Queue, so it has neither task_done() nor join(); the real
JoinableQueue is a Queue subclass that adds both."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


def joinable_queue(ctx, maxsize=0):
    return queues.Queue(maxsize, ctx=ctx.get_context())  # the bug


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_only_joinable_queue_has_task_done_and_join": violated("missing-method"),
}
