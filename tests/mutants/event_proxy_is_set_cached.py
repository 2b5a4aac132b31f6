"""Bug: the Event proxy remembers that it saw the flag set ("it stays set until we clear it"),
so a clear() by another process goes unseen."""

import threading
from multiprocessing.managers import EventProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class CachingEventProxy(EventProxy):
    def is_set(self):
        if self.__dict__.get("_seen_set"):
            return True
        flag = self._callmethod("is_set")
        self.__dict__["_seen_set"] = flag
        return flag

    def clear(self):
        self.__dict__["_seen_set"] = False
        return self._callmethod("clear")


class CachingManager(SyncManager):
    pass


CachingManager.register("Event", threading.Event, CachingEventProxy)


def manager(ctx):
    started = CachingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_event.py::test_flag_agrees_across_processes": violated("disagrees"),
}
