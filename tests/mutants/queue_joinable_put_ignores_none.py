"""Bug: JoinableQueue.put(None) silently does nothing — the implementation uses None as its own
wake-up marker and skips it rather than queue it — so None is neither queued nor counted as an
unfinished task: consumers waiting for None as their end marker never get it, and join()
returns without counting on them.  The real put() queues None like any other object."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class NoneSkippingJoinableQueue(queues.JoinableQueue):
    def put(self, obj, block=True, timeout=None):
        if obj is None:
            return  # the bug: None is a legitimate item
        super().put(obj, block, timeout)


def joinable_queue(ctx, maxsize=0):
    return NoneSkippingJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_join_returns_only_after_every_task_done": violated("lost", "early"),
}
