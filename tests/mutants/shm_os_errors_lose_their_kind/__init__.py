"""Bug: SharedMemory wraps the OS errors of opening and unlinking a block in a plain OSError of
its own message (``raise OSError(f"...: {exc.strerror}") from exc``), which drops the errno and
so the subclass: a missing name no longer raises FileNotFoundError, nor a taken one
FileExistsError.  The real class lets shm_open()'s and shm_unlink()'s errors through as they are.

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_attaching_a_missing_name_raises_file_not_found":
        violated("raised-other"),
    "test_shared_memory.py::test_creating_a_taken_name_raises_file_exists":
        violated("raised-other"),
    "test_shared_memory.py::test_unlink_removes_the_name": violated("raised-other"),
}
