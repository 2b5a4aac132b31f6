"""Bug: ShareableList.format returns the tuple of its items' formats instead of joining them
into one struct format string, as the real ``format`` does.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_list_values_round_trip": violated("bad-format"),
}
