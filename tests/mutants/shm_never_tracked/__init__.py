"""Bug: blocks are never registered with the resource tracker, so a block leaked by a program
whose processes all exited is never unlinked.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_resource_tracker_unlinks_a_leaked_block_at_exit":
        violated("leaked"),
}
