"""Bug: assigning a value records the item's back-transform code (how its bytes are read back:
0 for "as stored") before the value's format is looked up, so a refused value of a type the
list does not store leaves a str, bytes or None item to be read back raw; the real list looks
the format up first and changes nothing when it fails.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_unsupported_values_are_refused": violated("changed"),
}
