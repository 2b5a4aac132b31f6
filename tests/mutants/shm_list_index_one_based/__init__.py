"""Bug: ShareableList.index counts positions from 1 (``enumerate(self, 1)``), so it answers one
more than the position of the first equal item; the real index() counts from 0, as a list's.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_index_and_count_agree_with_a_list": violated("wrong-index"),
}
