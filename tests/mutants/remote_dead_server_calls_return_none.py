"""Bug: dict proxies make their calls "best effort": a call whose connection to the server is
refused or broken returns None instead of raising, so a client never learns its server is gone.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class DictProxy(real.DictProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        try:
            return super()._callmethod(methodname, args, kwds)
        except (ConnectionError, EOFError):
            return None


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_call_fails_promptly_once_the_server_is_gone":
        violated("returned"),
}
