"""Bug: the size is validated only when creating (it is ignored when attaching anyway), so
attaching with a negative size succeeds instead of raising ValueError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_bad_sizes_and_missing_names_are_refused": violated("returned"),
}
