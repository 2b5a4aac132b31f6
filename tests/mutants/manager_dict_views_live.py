"""Bug: a dict proxy's ``keys()``, ``values()`` and ``items()`` return proxies to live views
instead of list copies."""

from multiprocessing.managers import DictProxy, MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated


class ViewProxy(MakeProxyType("BaseViewProxy", ("__contains__", "__iter__", "__len__"))):
    _method_to_typeid_ = {"__iter__": "Iterator"}


class LiveViewDictProxy(DictProxy):
    _method_to_typeid_ = {"__iter__": "Iterator", "keys": "View", "values": "View",
                          "items": "View"}


class LiveViewManager(SyncManager):
    pass


LiveViewManager.register("View", proxytype=ViewProxy, create_method=False)
LiveViewManager.register("dict", dict, LiveViewDictProxy)


def manager(ctx):
    started = LiveViewManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_dict_views_are_list_copies": violated("not-a-list", "live"),
}
