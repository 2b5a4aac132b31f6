"""Bug: the Queue proxy sends a large bytes item in 64 000-byte chunks (so that one large put
does not hold up the server's other clients), which the server joins back into one item — but
it counts the chunks with floor division, so the last, partial chunk is never sent: the item
in the queue is short.  The real proxy sends the item whole, in one request."""

import itertools
import queue

from multiprocessing.managers import MakeProxyType, SyncManager

from tests.mutants.base import mutant, violated

CHUNK = 64_000  # bytes


class ChunkedQueue(queue.Queue):
    def __init__(self, maxsize=0):
        super().__init__(maxsize)
        self._tokens = itertools.count()
        self._parts = {}

    def begin(self):
        token = next(self._tokens)
        self._parts[token] = []
        return token

    def add(self, token, part):
        self._parts[token].append(part)

    def end(self, token, block=True, timeout=None):
        self.put(b"".join(self._parts.pop(token)), block, timeout)


BaseChunkingQueueProxy = MakeProxyType("BaseChunkingQueueProxy", (
    "empty", "full", "get", "get_nowait", "join", "put", "qsize", "task_done", "begin", "add",
    "end"))


class ChunkingQueueProxy(BaseChunkingQueueProxy):
    def put(self, item, block=True, timeout=None):
        if not isinstance(item, bytes) or len(item) <= CHUNK:
            return self._callmethod("put", (item, block, timeout))
        token = self._callmethod("begin")
        for index in range(len(item) // CHUNK):
            self._callmethod("add", (token, item[index * CHUNK:(index + 1) * CHUNK]))
        return self._callmethod("end", (token, block, timeout))

    def put_nowait(self, item):
        return self.put(item, False)


class ChunkingManager(SyncManager):
    pass


ChunkingManager.register("Queue", ChunkedQueue, ChunkingQueueProxy)


def manager(ctx):
    started = ChunkingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_a_child_exits_with_its_large_item_unconsumed_in_a_manager_queue":
        violated("item-damaged"),
}
