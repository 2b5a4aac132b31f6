"""Bug: map_async() feeds its chunks to the workers a few at a time (as many as there are
workers) and, once a chunk fails, stops feeding: the result is ready at once with that chunk's
exception (error_callback runs then), and the chunks not yet sent never run.  The real pool
sends every chunk and makes the result ready only after all of them have run, with the first
exception."""

import functools
import threading
from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ChunkFeeder:
    """Sends the chunks of one map_async() call, keeping ``window`` of them in flight."""

    def __init__(self, owner, func, chunks, window, result):
        self.owner, self.func, self.chunks, self.result = owner, func, chunks, result
        self.values = [None] * len(chunks)
        self.sent, self.left = 0, len(chunks)
        self.over = False
        self.lock = threading.Lock()
        with self.lock:
            for _ in range(min(window, len(chunks))):
                self.send()

    def send(self):
        index, self.sent = self.sent, self.sent + 1
        self.owner.apply_async(pool.mapstar, ((self.func, self.chunks[index]),),
                               callback=functools.partial(self.done, index),
                               error_callback=self.failed)

    def done(self, index, values):
        with self.lock:
            if self.over:
                return
            self.values[index] = values
            self.left -= 1
            if self.left == 0:
                self.over = True
                self.result._set(0, (True, [v for chunk in self.values for v in chunk]))
            elif self.sent < len(self.chunks):
                self.send()

    def failed(self, exc):
        with self.lock:
            if self.over:
                return
            self.over = True  # the bug: the chunks not yet sent are dropped
            self.result._set(0, (False, exc))


class FailFastPool(pool.Pool):
    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            chunksize += bool(extra)
        result = pool.ApplyResult(self, callback, error_callback)
        if not items:
            result._set(0, (True, []))
            return result
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        ChunkFeeder(self, func, chunks, len(self._pool), result)
        return result


def make_pool(ctx, *args, **kwargs):
    return FailFastPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_callbacks_run_once_in_the_parent_before_results_are_ready":
        violated("ready-early"),
}
