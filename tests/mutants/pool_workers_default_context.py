"""Bug: the pool starts its workers with the platform's default context (fork on Linux)
whatever context it was made with: ``Process`` ignores the pool's ``ctx``, so a spawn or
forkserver pool's workers are forked (ForkPoolWorker-N).  The real Pool.Process calls
``ctx.Process``."""

import multiprocessing
from multiprocessing import pool

from tests.mutants.base import SPAWNING, mutant, violated


class DefaultContextPool(pool.Pool):
    @staticmethod
    def Process(ctx, *args, **kwds):
        return multiprocessing.get_context("fork").Process(*args, **kwds)  # the bug: not ctx


def make_pool(ctx, *args, **kwargs):
    return DefaultContextPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_workers_are_daemonic_and_started_by_the_context":
        violated("wrong-name", under=SPAWNING),
}
