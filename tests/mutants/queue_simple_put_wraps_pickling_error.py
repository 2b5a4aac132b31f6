"""Bug: SimpleQueue.put() wraps whatever pickling an item raises in pickle.PicklingError (the
original as its ``__cause__``), so a caller catching the object's own error misses it.  The
real put() pickles in the calling thread and lets the pickling error itself propagate."""

import pickle
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


class WrappingSimpleQueue(queues.SimpleQueue):
    def put(self, obj):
        try:
            data = ForkingPickler.dumps(obj)
        except Exception as error:  # the bug: the error is replaced, not re-raised
            raise pickle.PicklingError(f"cannot pickle {type(obj).__name__!r} object: "
                                       f"{error}") from error
        if self._wlock is None:
            self._writer.send_bytes(data)
        else:
            with self._wlock:
                self._writer.send_bytes(data)


def simple_queue(ctx):
    return WrappingSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_put_pickles_at_once": violated("raised-other"),
}
