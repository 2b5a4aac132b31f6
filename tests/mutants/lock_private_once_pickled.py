"""Bug: unpickling a Lock or RLock makes a new private semaphore instead of reopening the shared
one, so a spawn or forkserver child locks a lock nobody else sees (fork children are
unaffected)."""

import multiprocessing
from multiprocessing import synchronize

from tests.mutants.base import SPAWNING, mutant, violated


class PrivateOncePickledLock(synchronize.Lock):
    def __setstate__(self, state):
        synchronize.Lock.__init__(self, ctx=multiprocessing.get_context("fork"))


class PrivateOncePickledRLock(synchronize.RLock):
    def __setstate__(self, state):
        synchronize.RLock.__init__(self, ctx=multiprocessing.get_context("fork"))


def lock(ctx):
    return PrivateOncePickledLock(ctx=ctx.get_context())


def rlock(ctx):
    return PrivateOncePickledRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_held_lock_refuses_other_processes": violated("granted", under=SPAWNING),
    "test_lock.py::test_factory_makes_a_lock_of_its_context":
        violated("not-shared", under=SPAWNING),
    "test_rlock.py::test_factory_makes_an_rlock_of_its_context":
        violated("not-shared", under=SPAWNING),
}
