"""Bug: sharedctypes.copy(obj) allocates the new shared object but compares it with the
original instead of assigning it (``ctypes.pointer(new_obj)[0] == obj``, a typo for ``=``), so
the "copy" holds the fresh block's zeros; the real one copies obj's contents into it."""

import ctypes
import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def copy(obj):
    new_obj = standard._new_value(type(obj))
    ctypes.pointer(new_obj)[0] == obj  # noqa: B015 - the bug: a comparison, not an assignment
    return new_obj


# This double's ``sharedctypes`` module: the standard one with ``copy`` replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.copy = copy
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_copy_is_an_equal_independent_object": violated("unequal"),
}
