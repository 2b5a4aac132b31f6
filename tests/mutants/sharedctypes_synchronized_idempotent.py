"""Bug: sharedctypes.synchronized() is made idempotent: given an object that is already
synchronized it returns that wrapper unchanged (ignoring ``lock``) instead of refusing it; the
real one refuses it with AssertionError ("object already synchronized")."""

import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def synchronized(obj, lock=None, ctx=None):
    if isinstance(obj, standard.SynchronizedBase):
        return obj  # the bug: refuse it
    return standard.synchronized(obj, lock, ctx)


# This double's ``sharedctypes`` module: the standard one with ``synchronized`` replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.synchronized = synchronized
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_synchronized_wraps_with_a_recursive_lock":
        violated("returned"),
}
