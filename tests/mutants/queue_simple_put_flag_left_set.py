"""Bug: SimpleQueue.put() guards against re-entry (a put from a signal handler that interrupted
a put would deadlock on the write lock) with a "putting" flag — a put that finds it set leaves
its item for the interrupted put to write on its way out — but the flag is set before the item
is pickled and cleared without try/finally: after a put whose pickling raised, every later put
in the process only queues its item behind a put that will never finish, and nothing more
reaches the pipe.  The real put() keeps no such state: a refused put leaves the queue as it
was."""

from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


class GuardedSimpleQueue(queues.SimpleQueue):
    _putting = False  # a put is under way in this process

    def _deferred(self):
        return self.__dict__.setdefault("_deferred_items", [])

    def _write(self, data):
        if self._wlock is None:
            self._writer.send_bytes(data)
        else:
            with self._wlock:
                self._writer.send_bytes(data)

    def put(self, obj):
        if self._putting:  # re-entered: the interrupted put writes this item on its way out
            self._deferred().append(obj)
            return
        self._putting = True
        self._write(ForkingPickler.dumps(obj))  # the bug: a raise here leaves _putting set
        while self._deferred():
            self._write(ForkingPickler.dumps(self._deferred().pop(0)))
        self._putting = False


def simple_queue(ctx):
    return GuardedSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_put_pickles_at_once": violated("lost"),
}
