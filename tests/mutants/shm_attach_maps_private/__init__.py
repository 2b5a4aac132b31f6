"""Bug: an attacher maps the block copy-on-write (MAP_PRIVATE): it reads the creator's bytes,
but its own writes stay private to it.  Unpickling attaches, so pickled blocks are private too.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attachers_and_creator_see_each_others_bytes":
        violated("creator-missed"),
    "test_shared_memory.py::test_pickled_block_reattaches_in_another_process":
        violated("not-shared"),
    "test_shared_memory.py::test_close_ends_only_this_instances_access":
        violated("not-shared"),
}
