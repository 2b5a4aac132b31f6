"""Bug: a created block's size is rounded up to whole pages, as on platforms whose kernel rounds,
but only the requested bytes are mapped: ``buf`` is shorter than ``size``.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_created_blocks_are_distinct_and_span_their_size":
        violated("buf-mismatch"),
}
