"""Bug: ThreadPool.map() returns imap()'s lazy iterator instead of the list of results (threads
need no chunking, so the drop-in forwards map to imap); the real map() blocks until every
result is there and returns them as a list."""

import sys
import types
from multiprocessing import pool as real_pool

from tests.mutants.base import mutant, violated


class LazyMapThreadPool(real_pool.ThreadPool):
    def map(self, func, iterable, chunksize=None):
        return self.imap(func, iterable, chunksize or 1)  # the bug


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({name: value for name, value in vars(real_pool).items()
                      if not name.startswith("__")})
pool.ThreadPool = LazyMapThreadPool
sys.modules[pool.__name__] = pool

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pool.py::test_thread_pool_offers_the_pool_api_on_threads": violated("wrong-result"),
}
