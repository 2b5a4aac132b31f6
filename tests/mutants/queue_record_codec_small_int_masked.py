"""Bug: the queues carry items in a compact record format (ints, bytes, tuples; anything else
pickled) instead of pickling each item whole.  Its one-byte form for small ints is a tag bit
and 6 value bits (0..63), but the encoder picks that form for every int below 128 (the 7-bit
range of a byte without its tag): bit 6 is masked off, so 64..127 come back as 0..63.  An item
numbered 64..127 thus arrives as a second copy of the item numbered 64 lower, and the item put
never arrives.  The real Queue and SimpleQueue pickle the item (ForkingPickler), which carries
every int as it is."""

import struct
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, violated

SMALL, INT, BYTES, TUPLE, PICKLED = 0x80, 0x01, 0x02, 0x03, 0x04


def encode(obj, out):
    if type(obj) is int and 0 <= obj < 128:  # the bug: the form holds 0..63
        out.append(SMALL | (obj & 0x3F))
    elif type(obj) is int and -(1 << 63) <= obj < (1 << 63):
        out.append(INT)
        out += struct.pack("<q", obj)
    elif type(obj) is bytes:
        out.append(BYTES)
        out += struct.pack("<I", len(obj))
        out += obj
    elif type(obj) is tuple:
        out.append(TUPLE)
        out += struct.pack("<I", len(obj))
        for element in obj:
            encode(element, out)
    else:
        data = ForkingPickler.dumps(obj)
        out.append(PICKLED)
        out += struct.pack("<I", len(data))
        out += data
    return out


def decode(data, at=0):
    """(the object encoded at ``at``, the offset after it)"""
    tag = data[at]
    if tag & SMALL:
        return tag & 0x3F, at + 1
    if tag == INT:
        return struct.unpack_from("<q", data, at + 1)[0], at + 9
    (length,) = struct.unpack_from("<I", data, at + 1)
    at += 5
    if tag == BYTES:
        return bytes(data[at:at + length]), at + length
    if tag == TUPLE:
        elements = []
        for _ in range(length):
            element, at = decode(data, at)
            elements.append(element)
        return tuple(elements), at
    return ForkingPickler.loads(data[at:at + length]), at + length


def pack(obj):
    return bytes(encode(obj, bytearray()))


def unpack(data):
    return decode(data)[0]


class RecordQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        super().put(pack(obj), block, timeout)

    def get(self, block=True, timeout=None):
        return unpack(super().get(block, timeout))


class RecordSimpleQueue(queues.SimpleQueue):
    def put(self, obj):
        super().put(pack(obj))

    def get(self):
        return unpack(super().get())


def queue(ctx, maxsize=0):
    return RecordQueue(maxsize, ctx=ctx.get_context())


def simple_queue(ctx):
    return RecordSimpleQueue(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, SimpleQueue=simple_queue)
KILLS = {
    "test_queue.py::test_every_item_arrives_once_in_its_producers_order":
        violated("duplicated", "lost"),
    "test_queue.py::test_child_exit_waits_until_its_items_are_flushed":
        violated("duplicated", "lost"),
    "test_queue.py::test_simple_queue_carries_each_producers_items_in_order":
        violated("duplicated", "lost"),
}
