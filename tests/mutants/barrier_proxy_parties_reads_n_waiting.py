"""Bug: the Barrier proxy's parties property asks the server for n_waiting (a copy-paste slip
between its properties), so a new barrier reads 0 parties (BarrierProxy asks for parties)."""

import threading
from multiprocessing.managers import BarrierProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class MisforwardingBarrierProxy(BarrierProxy):
    @property
    def parties(self):
        return self._callmethod("__getattribute__", ("n_waiting",))  # the bug: not "parties"


class MisforwardingManager(SyncManager):
    pass


MisforwardingManager.register("Barrier", threading.Barrier, MisforwardingBarrierProxy)


def manager(ctx):
    started = MisforwardingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_barrier.py::test_n_waiting_and_broken_are_seen_from_other_processes":
        violated("not-fresh"),
}
