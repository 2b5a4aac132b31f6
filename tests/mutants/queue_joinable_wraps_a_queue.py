"""Bug: JoinableQueue wraps a Queue (holding one and forwarding every other call to it) instead
of subclassing Queue: it adds task_done() and join(), but is not a Queue.  The real
JoinableQueue is a subclass of Queue."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class WrappingJoinableQueue:
    """task_done() and join() over a Queue it holds; everything else is the Queue's."""

    def __init__(self, maxsize=0, *, ctx):
        self._queue = queues.Queue(maxsize, ctx=ctx)
        self._unfinished_tasks = ctx.Semaphore(0)
        self._cond = ctx.Condition()

    def __getattr__(self, name):
        if name.startswith("__") or name == "_queue":
            raise AttributeError(name)
        return getattr(self._queue, name)

    def put(self, obj, block=True, timeout=None):
        with self._cond:
            self._queue.put(obj, block, timeout)
            self._unfinished_tasks.release()

    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError("task_done() called too many times")
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


def joinable_queue(ctx, maxsize=0):
    return WrappingJoinableQueue(maxsize, ctx=ctx.get_context())  # the bug: not a Queue


get_context, get_all_start_methods = mutant(JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_only_joinable_queue_has_task_done_and_join": violated("not-a-subclass"),
}
