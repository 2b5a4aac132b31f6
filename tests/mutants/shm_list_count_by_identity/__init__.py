"""Bug: ShareableList.count compares items with ``is`` instead of ``==``: every read makes a new
object, so a float, a str, a bytes or a large int is never counted (and 0 does not count
False); the real count() counts the items equal to the value, as a list's.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_index_and_count_agree_with_a_list": violated("wrong-count"),
}
