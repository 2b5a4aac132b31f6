"""Bug: the manager's Event (a threading.Event in the server process) notifies one waiter on
set() instead of all of them, so only one proxy's wait() returns."""

import threading
from multiprocessing.managers import EventProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class NotifyOneEvent(threading.Event):
    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify()  # the bug: threading's Event.set() calls notify_all()


class NotifyOneManager(SyncManager):
    pass


NotifyOneManager.register("Event", NotifyOneEvent, EventProxy)


def manager(ctx):
    started = NotifyOneManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_event.py::test_set_wakes_every_waiter": violated("not-woken"),
}
