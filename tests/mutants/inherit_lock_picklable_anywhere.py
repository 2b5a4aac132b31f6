"""Bug: a Lock pickles its semaphore handle whenever asked (no check that a process is being
spawned), so it can be sent through pipes, queues and Pool tasks instead of being refused."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class PicklableLock(synchronize.Lock):
    def __getstate__(self):
        semlock = self._semlock
        return (semlock.handle, semlock.kind, semlock.maxvalue, semlock.name)


def lock(ctx):
    return PicklableLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_inheritance.py::test_pickling_outside_spawning_is_refused": violated("sent"),
    "test_inheritance.py::test_pool_task_with_a_primitive_is_refused": violated("returned"),
    "test_inheritance.py::test_queue_never_delivers_an_inheritance_only_object":
        violated("delivered"),
}
