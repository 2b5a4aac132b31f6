"""Bug: creating under a taken name opens the existing block (no O_EXCL) instead of raising
FileExistsError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_creating_a_taken_name_raises_file_exists": violated("returned"),
}
