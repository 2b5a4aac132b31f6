"""Bug: a Lock refuses to be pickled (outside spawning, or made in a fork context and sent to a
spawning child) with ``pickle.PicklingError``, as an unpicklable object would, instead of the
RuntimeError the real implementation raises in both cases (so a Pool task carrying a Lock fails
with PicklingError too)."""

import pickle
from multiprocessing import context, synchronize

from tests.mutants.base import mutant, violated


class PicklingErrorLock(synchronize.Lock):
    def __getstate__(self):
        if context.get_spawning_popen() is None:
            raise pickle.PicklingError(f"{type(self).__name__} objects should only be shared "
                                       f"between processes through inheritance")
        if self._is_fork_ctx:
            raise pickle.PicklingError("a Lock created in a fork context cannot be shared with "
                                       "a process started by spawn or forkserver")
        semlock = self._semlock
        return (semlock.handle, semlock.kind, semlock.maxvalue, semlock.name)


def lock(ctx):
    return PicklingErrorLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_inheritance.py::test_pickling_outside_spawning_is_refused": violated("other-error"),
    "test_inheritance.py::test_fork_context_lock_is_refused_by_spawning_children":
        violated("other-error"),
    "test_inheritance.py::test_pool_task_with_a_primitive_is_refused": violated("raised-other"),
}
