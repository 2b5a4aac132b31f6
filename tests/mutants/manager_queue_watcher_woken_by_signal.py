"""Bug: the Queue proxy fails fast once the manager's server is gone: each process that uses one
keeps a watcher thread blocked reading a connection to the server that the server never answers
on (its EOF says the server died).  At exit the process wakes that thread out of its blocked
``recv()`` with SIGUSR2 (``signal.pthread_kill``: closing the connection would not wake it) —
but installs no handler for SIGUSR2, whose default action terminates the whole process.  So a
child that put an item (which did reach the queue) exits killed by the signal (exit code
-SIGUSR2) instead of with code 0.  The real proxy has no such thread (it finds a dead server on
its next call), and the process exits with code 0."""

import os
import queue
import signal
import threading
from multiprocessing import connection, managers, util

from tests.mutants.base import ALL, mutant, violated

WAKE_SIGNAL = getattr(signal, "SIGUSR2", None)  # POSIX only
WATCHERS = {}  # (pid, server address): this process's watcher of that server


class Watcher:
    def __init__(self, address, authkey):
        self.gone = threading.Event()
        self.conn = connection.Client(address, authkey=authkey)
        managers.dispatch(self.conn, None, "accept_connection", ("watcher",))
        self.thread = threading.Thread(target=self.watch, name="manager watcher", daemon=True)
        self.thread.start()
        util.Finalize(None, self.stop, exitpriority=10)

    def watch(self):
        try:
            self.conn.recv()  # the server never sends on it: this returns when it is gone
        except (EOFError, OSError):
            pass
        self.gone.set()

    def stop(self):
        """At exit: wake the watcher out of its blocked read, and close the connection."""
        if WAKE_SIGNAL is not None and self.thread.is_alive():
            signal.pthread_kill(self.thread.ident, WAKE_SIGNAL)  # the bug: nothing handles it
        self.conn.close()


def watcher(address, authkey):
    key = (os.getpid(), address)
    if key not in WATCHERS:
        WATCHERS[key] = Watcher(address, authkey)
    return WATCHERS[key]


BaseWatchedQueueProxy = managers.MakeProxyType("BaseWatchedQueueProxy", (
    "empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize", "task_done"))


class WatchedQueueProxy(BaseWatchedQueueProxy):
    def _callmethod(self, methodname, args=(), kwds={}):  # noqa: B006 (BaseProxy's signature)
        if watcher(self._token.address, self._authkey).gone.is_set():
            raise ConnectionError("the manager's server has gone away")
        return super()._callmethod(methodname, args, kwds)


class WatchedManager(managers.SyncManager):
    pass


WatchedManager.register("Queue", queue.Queue, WatchedQueueProxy)


def manager(ctx):
    started = WatchedManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_child_exits_with_its_large_item_unconsumed_in_a_manager_queue":
        violated("exit-failed", under=ALL if WAKE_SIGNAL is not None else ()),
}
