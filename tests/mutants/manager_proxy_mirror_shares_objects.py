"""Bug: list and dict proxies answer reads from a per-process mirror of their referent (fetched
once, then kept current by applying this process's writes to it too) to save round trips — and
hand out the mirror's own objects: ``_getvalue()`` (and so ``copy.deepcopy(proxy)``) returns the
mirror itself, and an element or slice fetched shares the lists inside it with the mirror.  So
changing a value fetched through a proxy changes what every proxy of that referent in the
process reads afterwards.  The real proxy sends every call to the server and returns a copy of
the result (unpickled), never an object it keeps."""

from multiprocessing.managers import BaseProxy, DictProxy, ListProxy, SyncManager

from tests.mutants.base import mutant, violated

MIRRORS = {}  # (server address, referent id): this process's mirror of the referent
READS = frozenset({"__contains__", "__getitem__", "__len__", "count", "index", "get", "copy",
                   "#GETVALUE"})


class Mirroring:
    def _mirror(self):
        key = (self._token.address, self._token.id)
        if key not in MIRRORS:
            MIRRORS[key] = BaseProxy._callmethod(self, "#GETVALUE")
        return MIRRORS[key]

    def _callmethod(self, methodname, args=(), kwds={}):
        mirror = self._mirror()
        if methodname == "#GETVALUE":
            return mirror
        if methodname in READS:
            return getattr(mirror, methodname)(*args, **kwds)
        result = BaseProxy._callmethod(self, methodname, args, kwds)
        getattr(mirror, methodname)(*args, **kwds)
        return result


class MirroringListProxy(Mirroring, ListProxy):
    pass


class MirroringDictProxy(Mirroring, DictProxy):
    pass


class MirroringManager(SyncManager):
    pass


MirroringManager.register("list", list, MirroringListProxy)
MirroringManager.register("dict", dict, MirroringDictProxy)


def manager(ctx):
    started = MirroringManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_deepcopy_copies_the_value_but_pickling_keeps_the_referent":
        violated("deepcopy-attached"),
    "test_proxies.py::test_callmethod_returns_a_copy_of_the_result": violated("not-a-copy"),
    "test_proxies.py::test_slices_are_plain_copies": violated("shared-changed"),
}
