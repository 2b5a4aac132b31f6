"""Bug: ThreadPool takes maxtasksperchild and context as keywords and refuses them with an
explicit ValueError ("not supported by ThreadPool") instead of not taking them at all.  The real
ThreadPool has no such parameters, so passing them raises TypeError."""

import sys
import types
from multiprocessing import pool as real_pool

from tests.mutants.base import mutant, violated


class ValueErrorThreadPool(real_pool.ThreadPool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if maxtasksperchild is not None or context is not None:  # the bug: not a TypeError
            raise ValueError("maxtasksperchild and context are not supported by ThreadPool")
        super().__init__(processes, initializer, initargs)


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({name: value for name, value in vars(real_pool).items()
                      if not name.startswith("__")})
pool.ThreadPool = ValueErrorThreadPool
sys.modules[pool.__name__] = pool

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pool.py::test_thread_pool_offers_the_pool_api_on_threads": violated("raised-other"),
}
