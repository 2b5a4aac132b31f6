"""Bug: SimpleQueue is Python 3.8's, from before close() was added (3.9): a locked one-way pipe
with put(), get() and empty() only.  The real SimpleQueue also has close()."""

import sys

from multiprocessing import connection, context
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated


class SimpleQueue38:
    def __init__(self, *, ctx):
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rlock = ctx.Lock()
        self._poll = self._reader.poll
        self._wlock = None if sys.platform == "win32" else ctx.Lock()

    # the bug: no close()

    def empty(self):
        return not self._poll()

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        (self._reader, self._writer, self._rlock, self._wlock) = state
        self._poll = self._reader.poll

    def get(self):
        with self._rlock:
            res = self._reader.recv_bytes()
        return ForkingPickler.loads(res)

    def put(self, obj):
        obj = ForkingPickler.dumps(obj)
        if self._wlock is None:
            self._writer.send_bytes(obj)
        else:
            with self._wlock:
                self._writer.send_bytes(obj)


def simple_queue(ctx):
    return SimpleQueue38(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_simple_queue_has_only_put_get_empty_close": violated("missing-method"),
}
