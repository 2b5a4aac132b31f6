"""Bug: SimpleQueue.put() hands an item whose pickle is larger than a pipe's buffer to a
thread of its own that writes it (so that put() never blocks on a full pipe; the process's exit
waits for that thread), and writes smaller items itself at once: a small item put after a large
one overtakes it.  The real SimpleQueue.put() writes every item itself, under the write lock,
before it returns."""

import threading
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated

PIPE_BUFFER = 1 << 16


class BackgroundSimpleQueue(queues.SimpleQueue):
    def _write(self, data):
        if self._wlock is None:
            self._writer.send_bytes(data)
        else:
            with self._wlock:
                self._writer.send_bytes(data)

    def put(self, obj):
        data = ForkingPickler.dumps(obj)
        if len(data) > PIPE_BUFFER:  # the bug: written later, maybe after items put since
            threading.Thread(target=self._write, args=(data,), daemon=False).start()
        else:
            self._write(data)


def simple_queue(ctx):
    return BackgroundSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_carries_each_producers_items_in_order":
        violated("out-of-order"),
}
