"""Bug: the manager's Namespace keeps its attributes in name order (so that ``str()`` needs no
sort) and finds the one to delete with ``bisect.bisect`` — ``bisect_right`` — instead of
``bisect_left``: ``del ns.x`` removes the attribute after ``x`` and leaves ``x``.  The real
Namespace deletes exactly the attribute named."""

import bisect

from multiprocessing.managers import NamespaceProxy, SyncManager

from tests.mutants.base import mutant, violated


class SortedNamespace:
    def __init__(self, /, **kwds):
        object.__setattr__(self, "_names", [])
        object.__setattr__(self, "_values", [])
        for name, value in kwds.items():
            setattr(self, name, value)

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        names = object.__getattribute__(self, "_names")
        index = bisect.bisect_left(names, name)
        if index < len(names) and names[index] == name:
            return object.__getattribute__(self, "_values")[index]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        names = object.__getattribute__(self, "_names")
        values = object.__getattribute__(self, "_values")
        index = bisect.bisect_left(names, name)
        if index < len(names) and names[index] == name:
            values[index] = value
        else:
            names.insert(index, name)
            values.insert(index, value)

    def __delattr__(self, name):
        names = object.__getattribute__(self, "_names")
        values = object.__getattribute__(self, "_values")
        if name not in names:
            raise AttributeError(name)
        index = bisect.bisect(names, name)
        del names[index], values[index]

    def __repr__(self):
        names = object.__getattribute__(self, "_names")
        values = object.__getattribute__(self, "_values")
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(names, values)
                          if not name.startswith("_"))
        return f"Namespace({shown})"


class SortedNamespaceManager(SyncManager):
    pass


SortedNamespaceManager.register("Namespace", SortedNamespace, NamespaceProxy)


def manager(ctx):
    started = SortedNamespaceManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_attributes_can_be_set_read_and_deleted":
        violated("still-there", "neighbour-changed"),
}
