"""Bug: close() releases the memoryview but keeps it (``_buf`` is not reset to None), so ``buf``
of a closed instance is a released memoryview instead of None.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_close_ends_only_this_instances_access": violated("buf-kept"),
}
