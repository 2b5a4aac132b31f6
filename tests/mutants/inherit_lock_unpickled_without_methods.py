"""Bug: unpickling a Lock reopens its semaphore but does not bind ``acquire`` and ``release``
to it again (``__setstate__`` leaves out ``_make_methods()``), so a Lock passed to a spawn or
forkserver child has no ``acquire`` there (AttributeError).  The real ``__setstate__`` makes
the methods as ``__init__`` does; fork children, which inherit the object itself, are
unaffected."""

import _multiprocessing
from multiprocessing import synchronize

from tests.mutants.base import SPAWNING, mutant, violated


class MethodlessOnceUnpickledLock(synchronize.Lock):
    def __setstate__(self, state):
        self._semlock = _multiprocessing.SemLock._rebuild(*state)
        self._is_fork_ctx = False


def lock(ctx):
    return MethodlessOnceUnpickledLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_inheritance.py::test_primitives_passed_to_a_child_are_shared":
        violated("unusable", under=SPAWNING),
}
