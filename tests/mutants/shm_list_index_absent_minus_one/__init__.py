"""Bug: ShareableList.index returns -1 for a value the list does not hold, as ``str.find``
does, instead of raising ValueError as ``list.index`` (and the real ShareableList) does.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_index_and_count_agree_with_a_list": violated("returned"),
}
