"""Bug: the creator takes its ``size`` from an fstat() of the block made right after shm_open(),
before ``ftruncate()`` has given the block its size, so a created block reports size 0 (while
it maps, and its ``buf`` spans, the requested bytes); an attacher, which finds the block sized,
reports the real size.  The real constructor reads the size after ftruncate().

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_created_blocks_are_distinct_and_span_their_size":
        violated("too-small"),
    "test_shared_memory.py::test_attachers_and_creator_see_each_others_bytes":
        violated("other-size"),
}
