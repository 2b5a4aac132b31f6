"""Bug: sharedctypes.copy(obj) returns a new ctypes object over the original's buffer instead
of a copy of it, so writing either changes both."""

import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def copy(obj):
    return type(obj).from_buffer(obj)


# This double's ``sharedctypes`` module: the standard one with ``copy`` replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.copy = copy
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_copy_is_an_equal_independent_object":
        violated("shares-buffer"),
}
