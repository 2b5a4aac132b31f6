"""Bug: start() passes the initializer to the server only if it is callable and silently drops
anything else (``initializer if callable(initializer) else None``), so start(42) starts a
server with no initializer; the real start() raises TypeError("initializer must be a
callable").

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        super().start(initializer if callable(initializer) else None, initargs)  # the bug


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_start_runs_the_initializer_in_the_server": violated("returned"),
}
