"""Bug: ShareableList answers a slice with a plain list of the sliced items, as a list would,
instead of raising TypeError: the real list does not support slicing.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_fixed_length_bounds_and_no_slicing": violated("returned"),
}
