"""Bug: the bounds check on reading an item's format is off by one, so index ``len`` passes it and
reads the metadata past the last item instead of raising IndexError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_fixed_length_bounds_and_no_slicing": violated("raised-other"),
}
