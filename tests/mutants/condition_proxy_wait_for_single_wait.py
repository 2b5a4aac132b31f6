"""Bug: the Condition proxy's wait_for() (which runs in the caller's process) waits once and
returns whatever the predicate then says, instead of waiting again while it is false."""

import threading
from multiprocessing.managers import ConditionProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class WaitOnceConditionProxy(ConditionProxy):
    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if not result:
            self.wait(timeout)  # the bug: ConditionProxy loops until it holds or time is up
            result = predicate()
        return result


class WaitOnceManager(SyncManager):
    pass


WaitOnceManager.register("Condition", threading.Condition, WaitOnceConditionProxy)


def manager(ctx):
    started = WaitOnceManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_condition.py::test_wait_for_returns_only_when_the_predicate_holds":
        violated("returned-while-false"),
}
