"""Bug: SharedMemory refuses a zero size when creating but does not check for a negative one,
which reaches ``ftruncate()`` and fails there with OSError (EINVAL) instead of the real
constructor's ValueError ("'size' must be a positive integer"), raised before anything is
opened.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_bad_sizes_and_missing_names_are_refused":
        violated("raised-other"),
}
