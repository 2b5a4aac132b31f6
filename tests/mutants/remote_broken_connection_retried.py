"""Bug: dict proxies ride out a broken connection by reconnecting every 0.1 s for up to 3 s
before they raise its error, so a call to a server that is gone fails only seconds later; the
real proxy raises the connection's error at once.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import time
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated

RETRY_EVERY = 0.1
RETRY_FOR = 3.0  # seconds; the kit's bound is half its deadline (2.5 s in the self-test)


class DictProxy(real.DictProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        give_up = time.monotonic() + RETRY_FOR
        while True:
            try:
                return super()._callmethod(methodname, args, kwds)
            except (EOFError, ConnectionError):
                if time.monotonic() >= give_up:
                    raise
                self._tls.__dict__.pop("connection", None)  # reconnect on the next try
                time.sleep(RETRY_EVERY)


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_call_fails_promptly_once_the_server_is_gone":
        violated("slow"),
}
