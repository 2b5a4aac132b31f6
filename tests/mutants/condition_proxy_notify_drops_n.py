"""Bug: the Condition proxy's notify(n) does not forward n, so the server wakes one waiter."""

import threading
from multiprocessing.managers import ConditionProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class DroppingConditionProxy(ConditionProxy):
    def notify(self, n=1):
        return self._callmethod("notify")  # the bug: ConditionProxy sends (n,)


class DroppingManager(SyncManager):
    pass


DroppingManager.register("Condition", threading.Condition, DroppingConditionProxy)


def manager(ctx):
    started = DroppingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_condition.py::test_notify_n_wakes_n_then_notify_all_wakes_the_rest": violated("missed"),
}
