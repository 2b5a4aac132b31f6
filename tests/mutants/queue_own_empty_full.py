"""Bug: the Queue raises Empty and Full exceptions of its own (classes defined beside it, with
the same names) instead of re-using the standard library's ``queue.Empty`` and ``queue.Full``:
code that catches queue.Empty or queue.Full does not catch them.  The real Queue raises
queue.Empty and queue.Full (multiprocessing's docs: "the usual queue.Empty and queue.Full
exceptions from the standard library's queue module are raised")."""

import queue as std_queue
from multiprocessing import queues

from tests.mutants.base import mutant, violated


class Empty(Exception):  # the bug: not queue.Empty
    pass


class Full(Exception):  # the bug: not queue.Full
    pass


class OwnExceptionsQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        try:
            super().put(obj, block, timeout)
        except std_queue.Full:
            raise Full from None

    def get(self, block=True, timeout=None):
        try:
            return super().get(block, timeout)
        except std_queue.Empty:
            raise Empty from None


def queue(ctx, maxsize=0):
    return OwnExceptionsQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_get_from_empty_queue_raises_empty_never_early": violated("raised-other"),
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("raised-other"),
}
