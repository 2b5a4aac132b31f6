"""Bug: ShareableList.index scans until it finds the value, so for an absent value it runs off
the end and raises IndexError instead of ValueError.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_index_and_count_agree_with_a_list": violated("raised-other"),
}
