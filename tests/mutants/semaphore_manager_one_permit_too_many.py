"""Bug: an off-by-one in the manager's semaphore factories: the server's Semaphore and
BoundedSemaphore start with one permit more than asked for, so value + 1 processes get in."""

import threading
from multiprocessing.managers import AcquirerProxy, SyncManager

from tests.mutants.base import mutant, violated

PROVIDER = "manager"


def generous_semaphore(value=1):
    return threading.Semaphore(value + 1)


def generous_bounded_semaphore(value=1):
    return threading.BoundedSemaphore(value + 1)


class GenerousManager(SyncManager):
    pass


GenerousManager.register("Semaphore", generous_semaphore, AcquirerProxy)
GenerousManager.register("BoundedSemaphore", generous_bounded_semaphore, AcquirerProxy)


def manager(ctx):
    started = GenerousManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_semaphore.py::test_at_most_value_holders_and_value_reached": violated("over-value"),
    "test_semaphore.py::test_permits_held_elsewhere_are_refused": violated("granted"),
    "test_semaphore.py::test_each_release_lets_one_waiter_in": violated("left-over"),
    "test_semaphore.py::test_nonblocking_acquires_take_exactly_value": violated("differs"),
    "test_semaphore.py::test_semaphore_release_raises_the_count_beyond_its_initial_value":
        violated("differs"),
}
