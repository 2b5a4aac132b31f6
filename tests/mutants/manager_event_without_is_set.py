"""Bug: the Manager's Event proxy type was made with ``is_set`` missing from its exposed
methods, so ``manager.Event().is_set()`` raises AttributeError."""

import threading

from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated

PartialEventProxy = MakeProxyType("PartialEventProxy", ("set", "clear", "wait"))
PartialEventProxy.__module__ = __name__  # a spawned server unpickles it from here


class PartialEventManager(SyncManager):
    pass


PartialEventManager.register("Event", threading.Event, PartialEventProxy)


def manager(ctx):
    started = PartialEventManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_manager_offers_every_shared_type": violated("unusable"),
}
