"""Bug: ShareableList checks that an assigned str or bytes fits its slot with ``assert``, so a
value too long raises AssertionError instead of the real list's ValueError ("exceeds
available storage").

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_oversized_assignment_is_refused_and_keeps_the_old_value":
        violated("raised-other"),
}
