"""Bug: get_server()'s server reports the address it was asked for, not the one it is bound to,
so with port 0 nobody can find it.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def get_server(self):
        server = super().get_server()
        server.address = self._address
        return server


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_get_server_serves_clients": violated("unreachable"),
}
