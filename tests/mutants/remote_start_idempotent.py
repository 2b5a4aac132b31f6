"""Bug: start() on a manager that is already started returns at once (start is made idempotent)
instead of raising ProcessError("Already started server") as the real start() does.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        if self._state.value == real.State.STARTED:
            return  # the bug: already running, nothing to do
        super().start(initializer, initargs)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_manager_starts_only_once": violated("returned"),
}
