"""Bug: the creating instance's close() also unlinks the block, as if the creator owned its
lifetime: the block can no longer be attached once its creator closed it.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_close_ends_only_this_instances_access":
        violated("unlinked-by-close"),
}
