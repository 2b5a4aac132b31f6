"""Bug: the Manager's ``Queue()`` hands out the context's native ``Queue`` "for speed" instead of
a proxy to a queue in the server, so a child that put a large item waits, at exit, for its
feeder thread to flush it until someone consumes it; and what ``Queue()`` returns is no proxy."""

from multiprocessing.managers import SyncManager

from tests.mutants.base import mutant, timed_out, violated


class NativeQueueManager(SyncManager):
    def Queue(self, maxsize=0):
        return self._ctx.Queue(maxsize)


def manager(ctx):
    started = NativeQueueManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_child_exits_with_its_large_item_unconsumed_in_a_manager_queue":
        timed_out("process exit after putting a large item into a manager Queue nobody reads"),
    "test_manager_containers.py::test_a_manager_offers_every_shared_type":
        violated("not-a-proxy"),
}
