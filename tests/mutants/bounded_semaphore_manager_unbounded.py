"""Bug: the manager registers BoundedSemaphore with threading.Semaphore as its referent, so the
proxy's releases beyond the initial value silently add permits."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


class UnboundedManager(SyncManager):
    pass


UnboundedManager.register("BoundedSemaphore", threading.Semaphore, AcquirerProxy)


def manager(ctx):
    started = UnboundedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_bounded_semaphore_default_bound_is_one": violated("differs"),
    "test_semaphore.py::test_bounded_semaphore_refuses_release_beyond_its_value":
        violated("differs"),
}
