"""Bug: a ShareableList caches each item's value on first read and forgets it only on its own
writes, so it never sees another process's writes to items it has read.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attached_lists_see_each_others_writes": violated("stale"),
}
