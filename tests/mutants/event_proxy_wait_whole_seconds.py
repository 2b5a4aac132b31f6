"""Bug: the Event proxy sends wait()'s timeout as whole seconds (int(timeout)), so a timed wait
of less than a second returns at once."""

import threading
from multiprocessing.managers import EventProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class WholeSecondsEventProxy(EventProxy):
    def wait(self, timeout=None):
        if timeout is not None:
            timeout = int(timeout)  # the bug: EventProxy sends the timeout as given
        return self._callmethod("wait", (timeout,))


class WholeSecondsManager(SyncManager):
    pass


WholeSecondsManager.register("Event", threading.Event, WholeSecondsEventProxy)


def manager(ctx):
    started = WholeSecondsManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_event.py::test_wait_on_unset_event_returns_false_after_timeout": violated("early"),
}
