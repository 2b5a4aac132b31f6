"""Bug: qsize() reads a counter of this process's own puts and gets instead of the shared
count, so items put by other processes are not counted."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class LocalCountQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._count = 0  # the bug: a per-process count

    def put(self, obj, block=True, timeout=None):
        super().put(obj, block, timeout)
        self._count += 1

    def get(self, block=True, timeout=None):
        item = super().get(block, timeout)
        self._count -= 1
        return item

    def qsize(self):
        return self._count


def queue(ctx, maxsize=0):
    return LocalCountQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_qsize_counts_items_put_and_not_yet_got": violated("miscounted"),
}
