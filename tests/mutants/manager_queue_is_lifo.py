"""Bug: the manager registers ``queue.LifoQueue`` for ``Queue``, so a Queue proxy gives items
back last in, first out; the real one is a proxy to a FIFO ``queue.Queue``."""

import queue

from multiprocessing.managers import AutoProxy, SyncManager

from tests.mutants.base import mutant, violated


class LifoManager(SyncManager):
    pass


LifoManager.register("Queue", queue.LifoQueue, AutoProxy)


def manager(ctx):
    started = LifoManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("otherwise"),
}
