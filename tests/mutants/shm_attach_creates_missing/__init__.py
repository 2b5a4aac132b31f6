"""Bug: attaching opens the name with O_CREAT (open-or-create), so attaching to a name no block
has makes a new block instead of raising FileNotFoundError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attaching_a_missing_name_raises_file_not_found":
        violated("returned"),
}
