"""Bug: unlink() does nothing, as on Windows: the name stays attachable after it.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_unlink_removes_the_name": violated("returned"),
}
