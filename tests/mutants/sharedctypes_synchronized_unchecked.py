"""Bug: sharedctypes.synchronized() lacks the check that refuses an object already
synchronized, so a wrapper (neither a simple ctypes value nor an array) falls through to the
Structure branch, which reads its ``_fields_`` and raises AttributeError; the real one refuses
it first with AssertionError ("object already synchronized")."""

import ctypes
import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def synchronized(obj, lock=None, ctx=None):
    # the bug: assert not isinstance(obj, SynchronizedBase), 'object already synchronized'
    ctx = ctx or standard.get_context()
    if isinstance(obj, ctypes._SimpleCData):
        return standard.Synchronized(obj, lock, ctx)
    if isinstance(obj, ctypes.Array):
        if obj._type_ is ctypes.c_char:
            return standard.SynchronizedString(obj, lock, ctx)
        return standard.SynchronizedArray(obj, lock, ctx)
    cls = type(obj)
    try:
        scls = standard.class_cache[cls]
    except KeyError:
        names = [field[0] for field in cls._fields_]
        members = {name: standard.make_property(name) for name in names}
        scls = standard.class_cache[cls] = type("Synchronized" + cls.__name__,
                                                (standard.SynchronizedBase,), members)
    return scls(obj, lock, ctx)


# This double's ``sharedctypes`` module: the standard one with ``synchronized`` replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.synchronized = synchronized
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_synchronized_wraps_with_a_recursive_lock":
        violated("raised-other"),
}
