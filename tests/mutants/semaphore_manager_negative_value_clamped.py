"""Bug: the manager's semaphore factories clamp a negative initial value to zero instead of
letting threading refuse it, so ``Manager().Semaphore(-1)`` quietly makes a semaphore nobody
can acquire."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


def clamped_semaphore(value=1):
    return threading.Semaphore(max(value, 0))


def clamped_bounded_semaphore(value=1):
    return threading.BoundedSemaphore(max(value, 0))


class ClampingManager(SyncManager):
    pass


ClampingManager.register("Semaphore", clamped_semaphore, AcquirerProxy)
ClampingManager.register("BoundedSemaphore", clamped_bounded_semaphore, AcquirerProxy)


def manager(ctx):
    started = ClampingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_negative_initial_value_is_rejected": violated("accepted"),
}
