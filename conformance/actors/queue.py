"""Queue users: producers and consumers of uniquely numbered items, task-done counters and a
joiner, and putters of items too large for the pipe.

Every item is ``(producer, seq, payload)``: unique, so each observation is attributable, with a
payload derived from ``(producer, seq)`` so a corrupted one is recognised.  Producers end with
sentinels ``(END, producer)``.  Every blocking call is bounded by the deadline the parent passes.

JoinableQueue board layout (``JOINING``, then one slot per consumer at ``DONE + c``): the joiner
sets ``JOINING`` just before it calls ``join()``; consumer c's slot counts the ``task_done()``
calls it is about to make — written before each call, so after ``join()`` returns every call
has been counted.
"""

import queue
import time

from conformance.actors.common import pause

END = "end"

JOINING = 0
DONE = 1

PUT_DONE = 0  # large-item board: the putter's put() returned


def payload(producer, seq, size):
    """The bytes item (producer, seq) carries: derived from both, so corruption shows."""
    start = (producer * 31 + seq * 7) % 256
    pattern = bytes(range(start, 256)) + bytes(range(start))
    return (pattern * (size // 256 + 1))[:size]


def remaining(end):
    return max(0.0, end - time.monotonic())


# --- several producers and consumers ---------------------------------------------------------

def produce_or_consume(q, deadline, plan):
    """Run one producer or consumer plan (the parent starts them all through one gate)."""
    if plan[0] == "produce":
        return produce(q, deadline, *plan[1:])
    return consume(q, deadline, *plan[1:])


def produce(q, deadline, producer, items, consumers):
    """Put this producer's items in seq order, then one sentinel per consumer.

    ``items`` holds (delay before the put, payload size) per item.  Returns the seqs whose put
    raised queue.Full although it waited the whole deadline.
    """
    end = time.monotonic() + deadline
    refused = []
    for seq, (delay, size) in enumerate(items):
        pause(delay)
        try:
            q.put((producer, seq, payload(producer, seq, size)), timeout=remaining(end))
        except queue.Full:
            refused.append(seq)
    for _ in range(consumers):
        try:
            q.put((END, producer), timeout=remaining(end))
        except queue.Full:
            refused.append(END)
    return refused


def consume(q, deadline, producers, delays):
    """Get until ``producers`` sentinels arrived (any producers'); return what arrived, in order:
    ``("item", producer, seq, intact)``, ``("end", producer)`` or ``("starved",)`` when the
    deadline passed first.  ``delays`` are cycled, one pause after each get."""
    end = time.monotonic() + deadline
    received = []
    sentinels = 0
    while sentinels < producers:
        try:
            got = q.get(timeout=remaining(end))
        except queue.Empty:
            received.append(("starved",))
            break
        if got[0] == END:
            sentinels += 1
            received.append(("end", got[1]))
        else:
            producer, seq, data = got
            intact = data == payload(producer, seq, len(data))
            received.append(("item", producer, seq, intact))
        if delays:
            pause(delays[len(received) % len(delays)])
    return received


# --- JoinableQueue ---------------------------------------------------------------------------

def join_or_consume(jq, board, deadline, plan):
    if plan[0] == "join":
        return put_join_and_count(jq, board, *plan[1:])
    return consume_with_task_done(jq, board, deadline, *plan[1:])


def put_join_and_count(jq, board, items, consumers):
    """Put the items and one sentinel per consumer, announce, call ``join()``, and return how
    many ``task_done()`` calls had been counted when it returned."""
    for item in range(items):
        jq.put(item)
    for _ in range(consumers):
        jq.put(END)
    board[JOINING] = 1
    jq.join()
    return sum(board[DONE + c] for c in range(consumers))


def consume_with_task_done(jq, board, deadline, consumer, delays):
    """Once the joiner is joining, get until a sentinel; count, then call ``task_done()`` for
    every get.  Returns the number of gets (or ``None`` if the deadline passed first)."""
    end = time.monotonic() + deadline
    if not board.wait_until(JOINING, 1, deadline):
        return None
    gets = 0
    while True:
        try:
            got = jq.get(timeout=remaining(end))
        except queue.Empty:
            return None
        gets += 1
        if delays:
            pause(delays[gets % len(delays)])
        board[DONE + consumer] = gets
        jq.task_done()
        if got == END:
            return gets


def settle_then_join(plan):
    """Put, get and ``task_done()`` each of ``items`` items (none: a fresh queue), then call
    ``join()``; the parent bounds how long that may take."""
    jq, items, deadline = plan
    for item in range(items):
        jq.put(item)
    for _ in range(items):
        jq.get(timeout=deadline)
        jq.task_done()
    jq.join()
    return items


# --- flushing at exit ------------------------------------------------------------------------

def put_large(q, board, size, cancel):
    """Put one item larger than any pipe buffer, optionally ``cancel_join_thread()``, announce,
    and return (the process then exits, or waits for the feeder to flush the item)."""
    q.put(payload(0, 0, size))
    if cancel:
        q.cancel_join_thread()
    board[PUT_DONE] = 1
    return True


def get_large(q, deadline):
    """Get the large item; return (its length, whether its bytes are intact) or None."""
    try:
        data = q.get(timeout=deadline)
    except queue.Empty:
        return None
    return len(data), data == payload(0, 0, len(data))


# --- SimpleQueue -----------------------------------------------------------------------------

def simple_produce_or_consume(sq, deadline, plan):
    if plan[0] == "produce":
        _, producer, sizes = plan
        for seq, size in enumerate(sizes):
            sq.put((producer, seq, payload(producer, seq, size)))
        return len(sizes)
    return simple_consume(sq, deadline, plan[1])


def simple_consume(sq, deadline, total):
    """Get ``total`` items, never calling ``get()`` before ``empty()`` says data is waiting
    (SimpleQueue.get has no timeout); ``("starved",)`` ends the list if the deadline passed."""
    end = time.monotonic() + deadline
    received = []
    while len(received) < total:
        while sq.empty():
            if time.monotonic() > end:
                received.append(("starved",))
                return received
            time.sleep(0.001)
        producer, seq, data = sq.get()
        received.append(("item", producer, seq, data == payload(producer, seq, len(data))))
    return received
