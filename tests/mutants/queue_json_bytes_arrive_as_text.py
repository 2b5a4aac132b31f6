"""Bug: the queues carry items as JSON text (a drop-in built for a text transport), bytes
encoded as latin-1 strings without a type tag: a bytes object comes back as a str with the same
characters (and a tuple as a list), not the object put.  The real Queue and SimpleQueue pickle
the item (ForkingPickler), which brings back a bytes object as bytes."""

import json
from multiprocessing import queues

from tests.mutants.base import mutant, violated


def as_json(obj):
    if isinstance(obj, bytes):
        return obj.decode("latin-1")  # the bug: untagged, so it cannot be told from a str
    raise TypeError(f"{type(obj).__name__} is not JSON serializable")


def pack(obj):
    return json.dumps(obj, default=as_json, ensure_ascii=False)


def unpack(text):
    return json.loads(text)


class JsonQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        super().put(pack(obj), block, timeout)

    def get(self, block=True, timeout=None):
        return unpack(super().get(block, timeout))


class JsonSimpleQueue(queues.SimpleQueue):
    def put(self, obj):
        super().put(pack(obj))

    def get(self):
        return unpack(super().get())


def queue(ctx, maxsize=0):
    return JsonQueue(maxsize, ctx=ctx.get_context())


def simple_queue(ctx):
    return JsonSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("corrupted"),
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed": violated("corrupted"),
    "test_queue.py::test_simple_queue_carries_each_producers_items_in_order":
        violated("corrupted"),
}
