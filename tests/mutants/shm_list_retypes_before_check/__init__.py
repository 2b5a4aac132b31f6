"""Bug: assigning a str or bytes records the item's new type before checking that the value
fits, so a refused assignment leaves the old value read back as the new type.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_oversized_assignment_is_refused_and_keeps_the_old_value":
        violated("changed"),
}
