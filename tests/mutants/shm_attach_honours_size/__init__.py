"""Bug: an attacher maps the size it asked for, not the block's own size.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attaching_ignores_the_size_argument":
        violated("size-checked", also=("other-size",)),
}
