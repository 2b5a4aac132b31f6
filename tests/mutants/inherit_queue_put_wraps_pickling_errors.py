"""Bug: ``Queue.put`` checks at once that the object can be pickled (so the caller, not the
feeder thread, hears of a failure) but reports every failure as ``pickle.PicklingError``, so
putting a Lock raises PicklingError instead of the RuntimeError that refuses it.  The real
``put`` returns and leaves the pickling to the feeder thread, which drops what it cannot send
(pickling in ``put`` would be allowed, had it let the RuntimeError through)."""

import pickle
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


class CheckedPutQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        try:
            ForkingPickler.dumps(obj)
        except Exception as exc:
            raise pickle.PicklingError(f"cannot put {type(obj).__name__} on a Queue: "
                                       f"{exc}") from exc
        super().put(obj, block, timeout)


def queue(ctx, maxsize=0):
    return CheckedPutQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_inheritance.py::test_queue_never_delivers_an_inheritance_only_object":
        violated("put-raised-other"),
}
