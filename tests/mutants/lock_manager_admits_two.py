"""Bug: the manager's Lock is a threading.Semaphore with two permits in the server, so two
processes hold it at once and releasing it unlocked goes unnoticed."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


def two_holder_lock():
    return threading.Semaphore(2)


class AdmitsTwoManager(SyncManager):
    pass


AdmitsTwoManager.register("Lock", two_holder_lock, AcquirerProxy)


def manager(ctx):
    started = AdmitsTwoManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_lock.py::test_critical_sections_are_serialised": violated("overlapped", "lost-update"),
    "test_lock.py::test_held_lock_refuses_other_processes": violated("granted"),
    "test_lock.py::test_release_of_unlocked_lock_raises_value_error": violated("returned"),
}
