"""Bug: clients retry refused or broken connections until they succeed: ``connect()`` to a dead
address and a proxy call to a dead server wait forever instead of raising.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import time
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, timed_out

RETRY_EVERY = 0.05


class BaseManager(real.BaseManager):
    def connect(self):
        while True:
            try:
                return super().connect()
            except (ConnectionError, EOFError):
                time.sleep(RETRY_EVERY)


class DictProxy(real.DictProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        while True:
            try:
                return super()._callmethod(methodname, args, kwds)
            except (ConnectionError, EOFError):
                self._tls.__dict__.pop("connection", None)  # reconnect on the next try
                time.sleep(RETRY_EVERY)


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_connect_where_nobody_listens_is_refused":
        timed_out("connect() to a closed port"),
    "test_remote_manager.py::test_a_call_fails_promptly_once_the_server_is_gone":
        timed_out("a proxy call to a killed server"),
}
