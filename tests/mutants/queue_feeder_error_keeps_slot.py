"""Bug: when the feeder thread cannot pickle an item it drops it but never gives its slot back,
so a bounded Queue stays full of nothing."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class SlotKeepingSemaphore:
    """The queue's slot semaphore as the feeder sees it: its error path's release is lost."""

    def __init__(self, semaphore):
        self._semaphore = semaphore

    def release(self):
        pass  # the bug


class SlotKeepingQueue(queues.Queue):
    def _start_thread(self):
        slots = self._sem
        self._sem = SlotKeepingSemaphore(slots)  # what the feeder thread is handed
        try:
            super()._start_thread()
        finally:
            self._sem = slots


def queue(ctx, maxsize=0):
    return SlotKeepingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_unpicklable_item_is_dropped_and_frees_its_slot": violated("slot-kept"),
}
