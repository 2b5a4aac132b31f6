"""Queue users: producers and consumers of uniquely numbered items, task-done counters and a
joiner, putters that exit with items still buffered, and putters of items too large for the
pipe.

Every item is ``(producer, seq, payload)``: unique, so each observation is attributable, with a
payload derived from ``(producer, seq)`` so a corrupted one is recognised.  Consumers know how
many items were put in all and count what each got on the board (one slot per consumer at
``GOT_BY + c``); they stop once the counts add up, so no item needs to mean "stop" (a queue that
reorders items would otherwise stop them early), or once the parent has seen every producer exit
(``GONE``: their items are all in the pipe) and a get then finds nothing.  Every blocking call is bounded by the patience
the parent passes; the calls a promise is about are ``judged``: what they raise (other than
queue.Full or queue.Empty at the end of a bounded wait) is evidence.

JoinableQueue board layout (``JOINING``, then one slot per consumer at ``DONE + c``): the joiner
sets ``JOINING`` just before it calls ``join()``; consumer c's slot counts the ``task_done()``
calls it is about to make — written before each call, so after ``join()`` returns every call
has been counted.
"""

import queue
import time

from conformance.actors.common import pause
from conformance.harness.child import judged

END = None  # JoinableQueue: the joiner's last items, one per consumer, tell it to stop
GONE = 0  # producer/consumer boards: every producer has exited; then one slot per consumer,
GOT_BY = 1  # the items it got
POLL = 0.05  # seconds a consumer waits for an item before it looks at the counts again

JOINING = 0
DONE = 1

PUT_DONE = 0  # flush boards: the putter's last put() returned

GO_HOME = 0  # qsize board: the producers may exit; then one slot per producer at PUT_BY + p,
PUT_BY = 1  # set once its last put() returned


def payload(producer, seq, size):
    """The bytes item (producer, seq) carries: derived from both, so corruption shows."""
    start = (producer * 31 + seq * 7) % 256
    pattern = bytes(range(start, 256)) + bytes(range(start))
    return (pattern * (size // 256 + 1))[:size]


def remaining(end):
    return max(0.0, end - time.monotonic())


def put_within(q, item, seconds):
    """``put(item, timeout=seconds)``: True, or False if it raised queue.Full."""
    with judged("Queue.put(item, timeout=t)"):
        try:
            q.put(item, timeout=seconds)
        except queue.Full:
            return False
    return True


def get_within(q, seconds):
    """``get(timeout=seconds)``: ``(True, item)``, or ``(False, None)`` if it raised
    queue.Empty."""
    with judged("Queue.get(timeout=t)"):
        try:
            return True, q.get(timeout=seconds)
        except queue.Empty:
            return False, None


def observed(item):
    """What a consumer records of an item: ``("item", producer, seq, intact)``."""
    producer, seq, data = item
    return ("item", producer, seq, data == payload(producer, seq, len(data)))


# --- several producers and consumers ---------------------------------------------------------

def produce_or_consume(q, board, patience, plan):
    """Run one producer or consumer plan (the parent starts them all through one gate)."""
    if plan[0] == "produce":
        return produce(q, patience, *plan[1:])
    return consume(q, board, patience, *plan[1:])


def produce(q, patience, producer, items):
    """Put this producer's items in seq order.

    ``items`` holds (delay before the put, payload size) per item.  Returns the seqs whose put
    raised queue.Full although it waited out the patience.
    """
    end = time.monotonic() + patience
    refused = []
    for seq, (delay, size) in enumerate(items):
        pause(delay)
        if not put_within(q, (producer, seq, payload(producer, seq, size)), remaining(end)):
            refused.append(seq)
    return refused


def consume(q, board, patience, consumer, consumers, total, delays):
    """Get until the ``consumers`` consumers' counts add up to ``total``, or nothing is left
    once the producers are gone; return what arrived, in order (``observed``), then
    ``("starved",)`` if the patience ran out first.  ``delays`` are cycled, one pause after
    each get."""
    end = time.monotonic() + patience
    received = []
    while sum(board[GOT_BY + c] for c in range(consumers)) < total:
        if time.monotonic() > end:
            received.append(("starved",))
            break
        gone = board[GONE]  # read before the get: then all that was put was in the pipe
        got, item = get_within(q, min(POLL, remaining(end)))
        if not got:
            if gone:
                break
            continue
        received.append(observed(item))
        board[GOT_BY + consumer] = len(received)
        if delays:
            pause(delays[len(received) % len(delays)])
    return received


def put_and_stay(q, board, deadline, producer, sizes):
    """Put items of these payload sizes, announce it (``PUT_BY + producer``), and stay until
    told to go (``GO_HOME``): the parent counts and gets the items meanwhile."""
    for seq, size in enumerate(sizes):
        with judged("Queue.put(item)"):
            q.put((producer, seq, payload(producer, seq, size)))
    board[PUT_BY + producer] = 1
    return board.wait_until(GO_HOME, 1, deadline)


# --- JoinableQueue ---------------------------------------------------------------------------

def join_or_consume(jq, board, patience, plan):
    if plan[0] == "join":
        return put_join_and_count(jq, board, *plan[1:])
    return consume_with_task_done(jq, board, patience, *plan[1:])


def put_join_and_count(jq, board, items, consumers):
    """Put the items and one sentinel per consumer, announce, call ``join()``, and return how
    many ``task_done()`` calls had been counted when it returned."""
    for item in range(items):
        with judged("JoinableQueue.put(item)"):
            jq.put(item)
    for _ in range(consumers):
        with judged("JoinableQueue.put(item)"):
            jq.put(END)
    board[JOINING] = 1
    with judged("JoinableQueue.join()"):
        jq.join()
    return sum(board[DONE + c] for c in range(consumers))


def consume_with_task_done(jq, board, patience, consumer, delays):
    """Once the joiner is joining, get until a sentinel; count, then call ``task_done()`` for
    every get.  Returns the number of gets (or ``None`` if the patience ran out first)."""
    end = time.monotonic() + patience
    if not board.wait_until(JOINING, 1, patience):
        return None
    gets = 0
    while True:
        got, item = get_within(jq, remaining(end))
        if not got:
            return None
        gets += 1
        if delays:
            pause(delays[gets % len(delays)])
        board[DONE + consumer] = gets
        with judged("JoinableQueue.task_done()"):
            jq.task_done()
        if item is END:
            return gets


def settle_then_join(plan):
    """Put, get and ``task_done()`` each of ``items`` items (none: a fresh queue), then call
    ``join()``; the parent bounds how long that may take."""
    jq, items, patience = plan
    for item in range(items):
        with judged("JoinableQueue.put(item)"):
            jq.put(item)
    for _ in range(items):
        got, _ = get_within(jq, patience)
        if not got:
            return ("starved",)
        with judged("JoinableQueue.task_done()"):
            jq.task_done()
    with judged("JoinableQueue.join() with no unfinished task"):
        jq.join()
    return ("joined", items)


# --- flushing at exit ------------------------------------------------------------------------

def put_announce_and_exit(q, board, producer, sizes):
    """Put items of these payload sizes, announce that the last put returned, and return: the
    process then exits, once its buffered items are in the pipe."""
    for seq, size in enumerate(sizes):
        with judged("Queue.put(item)"):
            q.put((producer, seq, payload(producer, seq, size)))
    board[PUT_DONE] = 1
    return len(sizes)


def put_large_and_cancel(q, size):
    """Put one item larger than any pipe buffer, ``cancel_join_thread()``, and return: the
    process then exits without waiting for the item to be flushed."""
    with judged("Queue.put(item)"):
        q.put(payload(0, 0, size))
    with judged("Queue.cancel_join_thread()"):
        q.cancel_join_thread()
    return size


# --- SimpleQueue -----------------------------------------------------------------------------

def simple_produce_or_consume(sq, patience, plan):
    if plan[0] == "produce":
        _, producer, sizes = plan
        for seq, size in enumerate(sizes):
            with judged("SimpleQueue.put(item)"):
                sq.put((producer, seq, payload(producer, seq, size)))
        return len(sizes)
    return simple_consume(sq, patience, plan[1])


def simple_consume(sq, patience, total):
    """Get ``total`` items, never calling ``get()`` before ``empty()`` says data is waiting
    (SimpleQueue.get has no timeout); ``("starved",)`` ends the list if the patience ran out."""
    end = time.monotonic() + patience
    received = []
    while len(received) < total:
        while True:
            with judged("SimpleQueue.empty()"):
                if not sq.empty():
                    break
            if time.monotonic() > end:
                received.append(("starved",))
                return received
            time.sleep(0.001)
        with judged("SimpleQueue.get() with data waiting"):
            item = sq.get()
        received.append(observed(item))
    return received
