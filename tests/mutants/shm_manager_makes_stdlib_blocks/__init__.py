"""Bug: the implementation has SharedMemory and ShareableList classes of its own, but its
managers module re-exports the standard library's SharedMemoryManager, whose SharedMemory() and
ShareableList() make standard-library instances, not the implementation's; a manager of the
implementation must hand out the implementation's own classes.

A package: the kit finds its classes in ``.shared_memory`` and ``.managers``.
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_manager_unlinks_its_blocks_at_shutdown":
        violated("not-ordinary"),
}
