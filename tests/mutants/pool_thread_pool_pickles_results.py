"""Bug: ThreadPool keeps the process pool's result path: a task's exception is wrapped with its
traceback for pickling (wrap_exception left True) and results go through pickle on their
way to the caller, so an exception raised by a thread comes back with a RemoteTraceback as its
cause, as if it had crossed processes.  The real ThreadPool sets ``_wrap_exception = False``
and hands results over in a plain queue.SimpleQueue."""

import pickle
import queue
import sys
import types
from multiprocessing import pool as real_pool

from tests.mutants.base import mutant, violated


class PicklingQueue(queue.SimpleQueue):
    def put(self, item, block=True, timeout=None):
        super().put(pickle.loads(pickle.dumps(item)), block, timeout)


class PicklingThreadPool(real_pool.ThreadPool):
    _wrap_exception = True  # the bug, with the pickling result queue below

    def _setup_queues(self):
        super()._setup_queues()
        self._outqueue = PicklingQueue()
        self._quick_get = self._outqueue.get


pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({name: value for name, value in vars(real_pool).items()
                      if not name.startswith("__")})
pool.ThreadPool = PicklingThreadPool
sys.modules[pool.__name__] = pool

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pool.py::test_thread_pool_offers_the_pool_api_on_threads": violated("remote-cause"),
}
