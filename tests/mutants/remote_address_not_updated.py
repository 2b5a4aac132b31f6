"""Bug: start() keeps the address the manager was given: the server reports the address it is
bound to (the port the OS chose for port 0) and start() reads it, but does not store it, so
after start() ``address`` still has port 0; the real start() stores the server's address.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def start(self, initializer=None, initargs=()):
        requested = self._address
        super().start(initializer, initargs)
        self._address = requested  # the bug: the server's address is read, then dropped


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_clients_of_a_remote_manager_share_its_queue":
        violated("unbound-address"),
}
