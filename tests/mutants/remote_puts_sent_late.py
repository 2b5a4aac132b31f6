"""Bug: auto-proxies batch ``put`` calls: ``put`` returns at once and a background thread
sends the item a few milliseconds later, so an item put may not be there for a get that
follows.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import threading
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated

BATCH_DELAY = 0.005


def AutoProxy(token, serializer, *args, **kwargs):
    proxy = real.AutoProxy(token, serializer, *args, **kwargs)
    if "put" in type(proxy)._exposed_:
        def put(*args, **kwargs):
            threading.Timer(BATCH_DELAY, proxy._callmethod, ("put", args, kwargs)).start()

        proxy.put = put
    return proxy


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_clients_of_a_remote_manager_share_its_queue":
        violated("not-linearizable"),
}
