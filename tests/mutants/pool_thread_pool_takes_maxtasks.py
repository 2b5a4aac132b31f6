"""Bug: ThreadPool accepts maxtasksperchild and context and silently ignores them, instead of
refusing what a thread pool cannot do."""

import sys
import types
from multiprocessing import pool as real_pool

from tests.mutants.base import mutant, violated


class LenientThreadPool(real_pool.ThreadPool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        super().__init__(processes, initializer, initargs)  # the bug: both ignored


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({name: value for name, value in vars(real_pool).items()
                      if not name.startswith("__")})
pool.ThreadPool = LenientThreadPool
sys.modules[pool.__name__] = pool

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pool.py::test_thread_pool_offers_the_pool_api_on_threads": violated("returned"),
}
