"""Bug: ``__enter__`` returns the manager without starting it (the behaviour before Python
3.3), so ``with manager:`` on a manager that was not started has no server to talk to.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __enter__(self):
        return self


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_with_starts_a_manager_and_shuts_it_down":
        violated("not-started", "exit-raised"),
}
