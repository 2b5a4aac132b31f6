"""Bug: the error path of ``SharedMemory(name, create=True)`` unlinks the name whatever failed,
also when shm_open() failed because the name was taken: the FileExistsError is raised, but the
other block's name is gone.  The real constructor unlinks only a block it has itself created
(its clean-up covers what follows a successful shm_open).

A package: the kit finds its classes in ``.shared_memory`` (and ``.managers``).
"""

from tests.mutants.base import mutant, violated

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_shared_memory.py::test_creating_a_taken_name_raises_file_exists":
        violated("clobbered"),
}
