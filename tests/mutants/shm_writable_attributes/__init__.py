"""Bug: ``name`` and ``size`` are plain attributes, so assigning them succeeds.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_name_and_size_are_read_only":
        violated("returned", "changed"),
}
