"""Bug: the manager registers its Lock as a threading.RLock, so the Lock is re-entrant for its
owner and cannot be released by another process."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class RLockAsLockManager(SyncManager):
    pass


RLockAsLockManager.register("Lock", threading.RLock, AcquirerProxy)


def manager(ctx):
    started = RLockAsLockManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_lock_released_by_another_process": violated("raised"),
    "test_lock.py::test_with_statement_acquires_and_releases": violated("reentered"),
}
