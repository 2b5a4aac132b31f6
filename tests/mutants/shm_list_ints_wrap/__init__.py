"""Bug: a ShareableList converts an assigned int through a C ``int64_t`` (``ctypes.c_int64``),
which wraps silently, so an int outside the signed 64-bit range is stored as another number
instead of being refused.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_unsupported_values_are_refused": violated("returned"),
}
