"""Bug: sharedctypes.Value and sharedctypes.Array treat lock=False like the default and always
return a synchronized wrapper, so a caller asking for a raw object gets a locked one."""

import sys
import types
from multiprocessing import sharedctypes as standard

from tests.mutants.base import mutant, violated


def Value(typecode_or_type, *args, lock=True, ctx=None):
    return standard.Value(typecode_or_type, *args, lock=lock or True, ctx=ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    return standard.Array(typecode_or_type, size_or_initializer, lock=lock or True, ctx=ctx)


# This double's ``sharedctypes`` module: the standard one with ``Value`` and ``Array`` replaced.
sharedctypes = types.ModuleType(__name__ + ".sharedctypes", standard.__doc__)
sharedctypes.__dict__.update({name: getattr(standard, name) for name in standard.__all__})
sharedctypes.Value, sharedctypes.Array = Value, Array
sys.modules[sharedctypes.__name__] = sharedctypes

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_ctypes.py::test_sharedctypes_value_and_array_lock_like_the_top_level":
        violated("synchronized"),
}
