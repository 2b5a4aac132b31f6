"""Bug: a ShareableList stores its items' offsets in 16 bits, so once its data passes 64 KiB
the offsets written to the block wrap around: the creator (which keeps its own offsets) reads
well, but a list attached by name or unpickled reads the wrong bytes for later items and for
the items' formats.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_list_values_round_trip": violated("raised"),
    "test_shared_memory.py::test_attached_lists_see_each_others_writes": violated("raised"),
}
