"""Bug: ShareableList refuses a value of a type it does not store with TypeError (checking the
types before it looks their formats up), where the real list raises the KeyError of its
format lookup, at creation as on assignment.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_unsupported_values_are_refused": violated("raised-other"),
}
