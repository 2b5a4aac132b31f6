"""Bug: ShareableList stores bools with the int format (``isinstance(value, int)`` dispatch), so
they come back as 0 and 1.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_list_values_round_trip": violated("misread"),
}
