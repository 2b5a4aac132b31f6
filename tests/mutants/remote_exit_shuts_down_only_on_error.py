"""Bug: ``__exit__`` shuts the manager down only when the with block raised (as a context
manager that "cleans up on error" would), so a block that ends normally leaves the server process
running; the real ``__exit__`` always calls shutdown().

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __exit__(self, exc_type, exc_val, exc_tb):
        if exc_type is not None:
            self.shutdown()


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_with_starts_a_manager_and_shuts_it_down":
        violated("server-running"),
}
