"""Bug: an item that cannot be pickled is replaced on the pipe by a MaybeEncodingError (as Pool's
workers do for a result that cannot be pickled), "so that the reader hears of it": Queue's
feeder thread sends one from its error hook, and SimpleQueue.put() sends one before it raises.
The reader then gets an error object where no item was put.  The real Queue drops the item
(reporting the error on stderr) and the real SimpleQueue.put() raises and writes nothing."""

from multiprocessing import queues
from multiprocessing.pool import MaybeEncodingError
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


def send_placeholder(send_bytes, lock, error, obj):
    """Send a MaybeEncodingError in place of ``obj``, whose pickling raised ``error``."""
    data = ForkingPickler.dumps(MaybeEncodingError(error, obj))
    if lock is None:
        send_bytes(data)
    else:
        with lock:
            send_bytes(data)


class PlaceholderQueue(queues.Queue):
    def _on_queue_feeder_error(self, e, obj):  # the feeder's error hook, after it freed the slot
        send_placeholder(self._send_bytes, self._wlock, e, obj)  # the bug


class PlaceholderSimpleQueue(queues.SimpleQueue):
    def put(self, obj):
        try:
            data = ForkingPickler.dumps(obj)
        except Exception as e:
            send_placeholder(self._writer.send_bytes, self._wlock, e, obj)  # the bug
            raise
        if self._wlock is None:
            self._writer.send_bytes(data)
        else:
            with self._wlock:
                self._writer.send_bytes(data)


def queue(ctx, maxsize=0):
    return PlaceholderQueue(maxsize, ctx=ctx.get_context())


def simple_queue(ctx):
    return PlaceholderSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_unpicklable_item_is_dropped_and_frees_its_slot": violated("not-next"),
    "test_queue.py::test_simple_queue_put_pickles_at_once": violated("not-next"),
}
