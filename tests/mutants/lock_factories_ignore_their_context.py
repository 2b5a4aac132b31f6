"""Bug: ``ctx.Lock()`` and ``ctx.RLock()`` ignore the context they are called on and make their
primitive for the fork context, so a spawn or forkserver context cannot give them to its own
processes (fork contexts are unaffected)."""

import multiprocessing
from multiprocessing import synchronize

from tests.mutants.base import SPAWNING, mutant, violated


def lock(ctx):
    return synchronize.Lock(ctx=multiprocessing.get_context("fork"))


def rlock(ctx):
    return synchronize.RLock(ctx=multiprocessing.get_context("fork"))


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_factory_makes_a_lock_of_its_context":
        violated("raised", under=SPAWNING),
    "test_rlock.py::test_factory_makes_an_rlock_of_its_context":
        violated("raised", under=SPAWNING),
}
