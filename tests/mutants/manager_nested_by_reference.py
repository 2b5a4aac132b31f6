"""Bug: dict and list proxies return what ``d[k]`` and ``l[i]`` fetch as proxies to the stored
object (slices too) instead of plain copies, so changing a fetched list or dict changes the
shared one; ``_callmethod('__getitem__', ...)`` likewise returns a proxy, not the result."""

from multiprocessing.managers import AutoProxy, DictProxy, ListProxy, SyncManager

from tests.mutants.base import mutant, violated


def identity(obj):
    return obj


class ByReferenceDictProxy(DictProxy):
    _method_to_typeid_ = {"__iter__": "Iterator", "__getitem__": "Nested"}


class ByReferenceListProxy(ListProxy):
    _method_to_typeid_ = {"__getitem__": "Nested"}


class ByReferenceManager(SyncManager):
    pass


ByReferenceManager.register("Nested", identity, AutoProxy, create_method=False)
ByReferenceManager.register("dict", dict, ByReferenceDictProxy)
ByReferenceManager.register("list", list, ByReferenceListProxy)


def manager(ctx):
    started = ByReferenceManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_slices_are_plain_copies": violated("not-plain"),
    "test_proxies.py::test_plain_nested_values_are_copies": violated("propagated", "not-stored"),
    "test_proxies.py::test_nested_proxies_are_references": violated("raised"),
    "test_proxies.py::test_callmethod_returns_a_copy_of_the_result":
        violated("wrong-result", "not-a-copy"),
}
