"""Bug: get_server() does not check the manager's state, so a started manager hands out a
second server.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class BaseManager(real.BaseManager):
    def get_server(self):
        return real.Server(self._registry, self._address, self._authkey, self._serializer)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_manager_starts_only_once": violated("raised-other"),
}
