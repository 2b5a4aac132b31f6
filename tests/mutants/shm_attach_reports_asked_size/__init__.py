"""Bug: an attacher given a size keeps that argument as its ``size`` (while it maps, and its
``buf`` spans, the whole block), so its size disagrees with the block's; the real attacher
ignores the argument and reports the size it finds the block to have.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attaching_ignores_the_size_argument": violated("other-size"),
}
