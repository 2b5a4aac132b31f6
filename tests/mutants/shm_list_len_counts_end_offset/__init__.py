"""Bug: ShareableList's ``len()`` counts the entries of its offsets table, which holds one more
entry than there are items (the end of the last item's data), so every list reports one item
more than it holds; the real ``len()`` reads the item count from the block's header.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_list_values_round_trip": violated("other-length"),
    "test_shared_memory.py::test_fixed_length_bounds_and_no_slicing": violated("resized"),
    "test_shared_memory.py::test_attached_lists_see_each_others_writes": violated("resized"),
}
