"""Bug: the SharedMemoryManager's server tracks the blocks made through it but its tracker's
unlink() does nothing, so shutdown leaves every block behind.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_manager_unlinks_its_blocks_at_shutdown": violated("survived"),
}
