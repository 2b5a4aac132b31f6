"""Bug: the Queue proxy pickles a call's arguments itself before sending them (to fail before
anything reaches the server) and turns whatever that pickling raises into ``pickle.PicklingError``,
so ``put()`` of an item whose pickling raises its own exception raises PicklingError instead.
The real proxy lets the exception pickling raised propagate from ``put()`` unchanged."""

import pickle
import queue
from multiprocessing.managers import MakeProxyType, SyncManager
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated

QUEUE_METHODS = ("empty", "full", "get", "get_nowait", "join", "put", "put_nowait", "qsize",
                 "task_done")
BaseQueueProxy = MakeProxyType("BaseQueueProxy", QUEUE_METHODS)


class PrecheckingQueueProxy(BaseQueueProxy):
    def _callmethod(self, methodname, args=(), kwds={}):
        try:
            ForkingPickler.dumps((args, kwds))
        except Exception as exc:  # the bug: the original exception's type is lost
            raise pickle.PicklingError(f"cannot send the arguments of {methodname}(): "
                                       f"{exc}") from exc
        return super()._callmethod(methodname, args, kwds)


class PrecheckingManager(SyncManager):
    pass


PrecheckingManager.register("Queue", queue.Queue, PrecheckingQueueProxy)


def manager(ctx):
    started = PrecheckingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_queue_proxy_put_completes_in_the_server":
        violated("raised-other"),
}
