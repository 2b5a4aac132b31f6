"""Bug: the context's Lock and RLock factories are swapped, so ``ctx.Lock()`` makes a recursive
lock and ``ctx.RLock()`` a plain one."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


def lock(ctx):
    return synchronize.RLock(ctx=ctx.get_context())


def rlock(ctx):
    return synchronize.Lock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock, RLock=rlock)
KILLS = {
    "test_lock.py::test_factory_makes_a_lock_of_its_context": violated("other-class"),
    "test_rlock.py::test_factory_makes_an_rlock_of_its_context": violated("other-class"),
}
