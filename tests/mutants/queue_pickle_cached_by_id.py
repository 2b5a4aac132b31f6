"""Bug: put() caches each object's pickle by ``id()`` to save pickling an object put again, so
an object mutated and put again arrives as it was when first put."""

import pickle

from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


class Pickled:
    """An already pickled object: unpickles as the object it was pickled from."""

    def __init__(self, data):
        self.data = data

    def __reduce__(self):
        return pickle.loads, (self.data,)


class CachingQueue(queues.Queue):
    def _reset(self, after_fork=False):
        super()._reset(after_fork)
        self._pickles = {}

    def put(self, obj, block=True, timeout=None):
        data = self._pickles.get(id(obj))  # the bug: an object put again is assumed unchanged
        if data is None:
            data = self._pickles[id(obj)] = bytes(ForkingPickler.dumps(obj))
        super().put(Pickled(data), block, timeout)


def queue(ctx, maxsize=0):
    return CachingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_item_arrives_as_it_was_at_put_or_later": violated("earlier-state"),
}
