"""Bug: the creator maps its new block copy-on-write (MAP_PRIVATE): what it writes stays in its
own pages and never reaches the block, so every other instance (attached by name or unpickled)
reads the block's zeros instead of the creator's bytes; the real creator maps it MAP_SHARED.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attachers_and_creator_see_each_others_bytes":
        violated("attacher-missed"),
    "test_shared_memory.py::test_close_ends_only_this_instances_access":
        violated("lost-bytes"),
    "test_shared_memory.py::test_pickled_block_reattaches_in_another_process":
        violated("not-creators-bytes"),
}
