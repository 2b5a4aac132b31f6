"""Bug: dict proxies send their writes "write-behind": ``d[k] = v`` returns at once and a
background sender thread sends it a moment later, so a read that follows does not see it, a
write made just before the process exits is lost, and a write to a dead server does not raise.
The real DictProxy sends ``__setitem__`` and waits for the server's reply before it returns.

This module is the double's managers module (its ``managers`` attribute)."""

import queue
import sys
import threading
import time
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated

WRITE_DELAY = 2.0  # seconds between a write and its sending


class DictProxy(real.DictProxy):
    def __setitem__(self, key, value):
        pending = self.__dict__.get("_pending")
        if pending is None:
            pending = self._pending = queue.SimpleQueue()
            threading.Thread(target=_send_writes, args=(self, pending), daemon=True).start()
        pending.put((key, value))


def _send_writes(proxy, pending):
    while True:
        key, value = pending.get()
        time.sleep(WRITE_DELAY)
        try:
            proxy._callmethod("__setitem__", (key, value))
        except Exception:  # a write-behind error has nobody to be reported to
            pass


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_child_connects_with_the_inherited_authkey":
        violated("write-lost"),
    "test_remote_manager.py::test_get_server_serves_clients": violated("write-lost"),
    "test_remote_manager.py::test_with_starts_a_manager_and_shuts_it_down":
        violated("not-served"),
    "test_remote_manager.py::test_a_call_fails_promptly_once_the_server_is_gone":
        violated("returned"),
}
