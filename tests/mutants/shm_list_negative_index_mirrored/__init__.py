"""Bug: ShareableList turns a negative index into ``abs(index) - 1``, counting it from the start
instead of from the end, so ``[-k]`` reads and writes item ``k - 1`` rather than item
``len - k``; the real list adds the length to a negative index.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_fixed_length_bounds_and_no_slicing": violated("misread"),
}
