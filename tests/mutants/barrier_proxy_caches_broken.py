"""Bug: the Barrier proxy reads broken once and remembers it, as it may parties (a barrier is
rarely broken), so a later abort() by another process goes unseen."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class CachingBarrierProxy(BarrierProxy):
    @property
    def broken(self):
        if "_broken" not in self.__dict__:  # the bug: BarrierProxy asks the server every time
            self.__dict__["_broken"] = self._callmethod("__getattribute__", ("broken",))
        return self.__dict__["_broken"]


class CachingManager(SyncManager):
    pass


CachingManager.register("Barrier", threading.Barrier, CachingBarrierProxy)


def manager(ctx):
    started = CachingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("break-unseen"),
}
