"""Bug: auto-proxies batch ``put`` calls: ``put`` returns at once and a background sender thread
sends the item a few milliseconds later, so an item put may not be there for a get that
follows.

This module is the double's managers module (its ``managers`` attribute)."""

import queue
import sys
import threading
import time
from multiprocessing import managers as real
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated

BATCH_DELAY = 0.005
IDLE = 0.5  # seconds without a put after which the sender thread ends


class LateSender:
    """Sends each put through the proxy, in order, ``BATCH_DELAY`` after it was made."""

    def __init__(self, proxy):
        self.proxy = proxy
        self.pending = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.thread = None

    def put(self, *args, **kwargs):
        self.pending.put((args, kwargs))
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.send)
                self.thread.start()

    def send(self):
        while True:
            try:
                args, kwargs = self.pending.get(timeout=IDLE)
            except queue.Empty:
                return
            time.sleep(BATCH_DELAY)
            self.proxy._callmethod("put", args, kwargs)


def AutoProxy(token, serializer, *args, **kwargs):
    proxy = real.AutoProxy(token, serializer, *args, **kwargs)
    if "put" in type(proxy)._exposed_:
        proxy.put = LateSender(proxy).put
    return proxy


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_clients_of_a_remote_manager_share_its_queue":
        violated("not-linearizable"),
}
