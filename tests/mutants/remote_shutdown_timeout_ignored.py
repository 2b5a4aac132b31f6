"""Bug: BaseManager accepts shutdown_timeout but shutdown() waits for the server without bound,
so a server that does not exit (a non-daemonic thread still running, SIGTERM ignored) hangs
shutdown() instead of being terminated and killed.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def __init__(self, address=None, authkey=None, serializer="pickle", ctx=None, *,
                 shutdown_timeout=1.0):
        super().__init__(address, authkey, serializer, ctx, shutdown_timeout=shutdown_timeout)
        self._shutdown_timeout = None  # the bug: join() without a timeout


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
REQUIRES_PYTHON = (3, 11)
KILLS = {
    "test_remote_manager.py::test_shutdown_timeout_bounds_the_wait_for_a_lingering_server":
        violated("blocked"),
}
