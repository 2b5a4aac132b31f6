"""Bug: every manager has a ``shutdown()`` method, a no-op until ``start()`` replaces it, so
a manager never started, or only ``connect()``-ed, has a ``shutdown`` instead of raising
AttributeError.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def shutdown(self):
        pass  # nothing to stop: start() replaces this with the real shutdown


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_shutdown_exists_only_after_start": violated("returned"),
}
