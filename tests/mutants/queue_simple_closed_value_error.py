"""Bug: SimpleQueue keeps a "closed" flag, set by close(), and checks it first in empty(), put()
and get(), raising ValueError as Queue does for a closed queue.  The real SimpleQueue.close()
closes its pipe ends, and a later empty(), put() or get() raises OSError from the closed
connection."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class FlaggedSimpleQueue(queues.SimpleQueue):
    _closed = False

    def _check_closed(self):
        if self._closed:
            raise ValueError(f"SimpleQueue {self!r} is closed")  # the bug: not OSError

    def close(self):
        self._closed = True
        super().close()

    def empty(self):
        self._check_closed()
        return super().empty()

    def put(self, obj):
        self._check_closed()
        super().put(obj)

    def get(self):
        self._check_closed()
        return super().get()


def simple_queue(ctx):
    return FlaggedSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_unusable_after_close": violated("raised-other"),
}
