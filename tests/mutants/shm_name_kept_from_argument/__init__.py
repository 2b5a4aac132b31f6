"""Bug: SharedMemory records its public ``name`` from the name argument (``name or ""``) before
it generates one, and never updates it, so a block created without a name reports the name ''
(while it is open under its generated name); the real class reports the generated name.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_created_blocks_are_distinct_and_span_their_size":
        violated("no-name"),
}
