"""Bug: a ShareableList pickles its values, not its block's name: unpickling makes a new list on
a new block, so the two never see each other's writes.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attached_lists_see_each_others_writes":
        violated("other-block", "stale"),
}
