"""Bug: ``__enter__`` starts the server but does not return the manager (a missing
``return self``), so ``with Manager() as m:`` binds None; the real ``__enter__`` returns the
manager object.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __enter__(self):
        if self._state.value == real.State.INITIAL:
            self.start()


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_with_starts_a_manager_and_shuts_it_down":
        violated("not-itself"),
}
