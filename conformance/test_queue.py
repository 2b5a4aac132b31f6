"""Queue, JoinableQueue and SimpleQueue: every item exactly once, each producer's items in its
put order; Full and Empty never early; full() and qsize() at rest; join() only after every
task_done(); a child's exit waits for its buffered data to be flushed; an item is pickled no
earlier than its put(), and one that cannot be pickled frees its slot.

Docs: multiprocessing — Pipes and Queues (Queue, SimpleQueue, JoinableQueue); Exchanging objects
between processes (Queues); Programming guidelines (Joining processes that use queues).

Nothing here relies on ``empty()`` right after a ``put()`` (the docs warn it may still say True):
consumers use gets bounded by the deadline, or poll ``empty()`` until the deadline.
"""

import queue
import threading
import time

import pytest
from hypothesis import example, strategies as st

from conformance.actors import queue as actors
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Violation, expect_raises, judged
from conformance.judge.blocking import (bounded, expect_raises_within,
                                        expect_returns_within, returns_within)
from conformance.judge.timing import never_early
from conformance.specimens import Refused, Unpicklable
from conformance.strategies import delay_lists, delays, process_counts, scaled, sized

# An item larger than any pipe's buffer (64 KiB on Linux and macOS), as in the docs' warning.
LARGE = 1 << 20
# More than any pipe holds (Linux lets a pipe grow to 1 MiB), so a child that put this much
# cannot have fed it all to the pipe before someone reads.
UNFLUSHED_BYTES = 5 << 18
# Payloads small enough that each item is one atomic pipe write (PIPE_BUF is at least 4096):
# an exit that abandons the feeder loses whole items, never part of one.
ATOMIC_SIZES = (500, 1500, 3000)

DELIVERIES = OutcomeTable(
    unit="items",
    acceptable={"once-in-order": "received once, intact, after its producer's earlier items"},
    forbidden={"lost": "never received",
               "duplicated": "received more than once",
               "corrupted": "received with a payload other than the one put",
               "out-of-order": "a consumer received it after a later item of its producer",
               "phantom": "received although never put"},
)
# Of a bounded queue whose producers put with a timeout: a put may also be refused.
BOUNDED_DELIVERIES = OutcomeTable(
    unit="items", acceptable=DELIVERIES.acceptable,
    forbidden={**DELIVERIES.forbidden,
               "refused": "put() raised queue.Full for the whole patience while consumers "
                          "drained the queue"},
)
TASKS_DONE = OutcomeTable(
    unit="returns from join()",
    acceptable={"after-all-done": "every task_done() call was counted before join returned"},
    forbidden={"early": "join() returned before every item's task_done()",
               "lost": "the consumers got fewer or more items than were put"},
)
JOINED = OutcomeTable(
    unit="joiners with no unfinished task",
    acceptable={"returned": "join() returned"},
    forbidden={"starved": "a get of an item put in the same process found nothing in time"},
)
SURFACE = OutcomeTable(
    unit="documented methods",
    acceptable={"as-documented": "present where documented, absent where documented absent"},
    forbidden={"missing-method": "a documented method is missing",
               "extra-method": "a method documented absent is present",
               "not-a-subclass": "JoinableQueue is not a subclass of Queue"},
)
# SimpleQueue's surface: no subclass relation is promised there, so none can be found missing.
SIMPLE_SURFACE = OutcomeTable(
    unit="documented SimpleQueue methods",
    acceptable={"as-documented": "present where documented, absent where documented absent"},
    forbidden={"missing-method": "a documented method is missing",
               "extra-method": "a method documented absent is present"},
)
FULLNESS = OutcomeTable(
    unit="full() answers and gets on a queue nobody else uses",
    acceptable={"right": "full() said what the items put and got make it"},
    forbidden={"not-full": "full() was False with maxsize items put and none got",
               "full-unbounded": "full() was True on a queue whose maxsize is zero or less",
               "still-full": "full() was True after a get freed a slot",
               "not-first": "the first get did not return the first item put"},
)
QSIZE = OutcomeTable(
    unit="qsize() answers at rest",
    acceptable={"exact": "qsize() was the number of items put and not yet got"},
    forbidden={"miscounted": "qsize() differed from the items put and not yet got",
               "lost": "a get found nothing although items remained"},
)
FLUSHED_AT_EXIT = OutcomeTable(
    unit="children that put more than a pipe holds and then returned",
    acceptable={"waited": "alive until its items were read, then exited with code 0"},
    forbidden={"exited": "exited before anyone read its items",
               "exit-failed": "exited with a nonzero code once its items were read"},
)
CANCELLED = OutcomeTable(
    unit="children that cancelled their feeder's join",
    acceptable={"exited": "exited with code 0, its large item unconsumed"},
    forbidden={"exit-failed": "exited with a nonzero code"},
)
PICKLED_LATE = OutcomeTable(
    unit="items mutated after put()",
    acceptable={"as-put-or-later": "received as at its put() or in a later state"},
    forbidden={"earlier-state": "received as it was before its put()",
               "not-a-state": "received as something the object never was",
               "lost": "never received"},
)
UNPICKLABLE = OutcomeTable(
    unit="puts of an object that cannot be pickled",
    acceptable={"dropped": "put() returned; the object never arrived and its slot was freed",
                "refused": "put() raised the pickling error; nothing was queued"},
    forbidden={"slot-kept": "the next put() on the maxsize-1 queue raised queue.Full: the "
                            "refused object still held the slot",
               "not-next": "the next item got was not the next item put"},
)
PICKLED_AT_ONCE = OutcomeTable(
    unit="items put after a refused put",
    acceptable={"next": "the next item put was the next got"},
    forbidden={"lost": "never became available", "not-next": "another item was got"},
)


def patience(s):
    """How long a child waits for an item before reporting it starved: half the deadline, so
    that its evidence (not the parent's bound on the whole scenario) tells of a lost item."""
    return s.deadline / 2


payload_sizes = st.sampled_from([0, 8, 8, 100, 5000, 70000])  # 70000: more than a pipe buffer
short_timeouts = st.sampled_from([0.01, 0.05, 0.1])


def lists_of(element, low, high):
    """A tuple of ``sized(low, high)`` elements."""
    return sized(low, high).flatmap(
        lambda n: st.lists(element, min_size=n, max_size=n).map(tuple))


def volume(count, sizes, delay=0.0):
    """``count`` (delay, payload size) items cycling through ``sizes``: explicit examples."""
    return tuple((delay, sizes[i % len(sizes)]) for i in range(count))


@st.composite
def producer_consumer_programs(draw):
    """Producers, each with (delay, payload size) per item; consumers with pauses; a maxsize."""
    producers = draw(process_counts(2, 3))
    consumers = draw(process_counts(2, 3))
    items = tuple(draw(lists_of(st.tuples(delays, payload_sizes), 1, 12))
                  for _ in range(producers))
    pauses = tuple(draw(delay_lists(draw(st.integers(0, 2)))) for _ in range(consumers))
    maxsize = draw(st.sampled_from([0, 0, 1, 3]))
    return {"items": items, "consumer_pauses": pauses, "maxsize": maxsize}


@st.composite
def joinable_programs(draw):
    """Items the joiner puts before it joins, and consumers with a pause (their work) per
    item."""
    items = draw(sized(1, 10))
    consumers = draw(process_counts(2, 3))
    pauses = tuple(draw(delay_lists(draw(st.integers(1, 3)))) for _ in range(consumers))
    return {"items": items, "consumer_pauses": pauses}


@st.composite
def simple_queue_programs(draw):
    """Producers, each with the payload sizes of its items, and one consumer."""
    producers = draw(process_counts(2, 3))
    return tuple(draw(lists_of(payload_sizes, 1, 8)) for _ in range(producers))


@st.composite
def unflushed_programs(draw):
    """One payload size from ``ATOMIC_SIZES`` for every item, and more items than a pipe holds
    (plus a scaled extra)."""
    size = draw(st.sampled_from(ATOMIC_SIZES))
    return (size,) * (-(-UNFLUSHED_BYTES // size) + draw(sized(0, 50)))


@st.composite
def qsize_programs(draw):
    """Producers, each with the payload sizes of the items it puts (and then stays)."""
    producers = draw(process_counts(2, 3))
    return tuple(draw(lists_of(payload_sizes, 1, 12)) for _ in range(producers))


def settle(threads, seconds):
    """Wait (bounded) for the threads started since ``threads`` to end.  A background thread of
    the implementation that prints a traceback (which parses source) while pytest parses source
    to show a failure trips a CPython 3.11 race in the ast module (gh-106905)."""
    end = time.monotonic() + seconds
    for thread in set(threading.enumerate()) - threads:
        thread.join(max(0.0, end - time.monotonic()))


def retire(q, seconds):
    """Close a queue this process put into and wait (bounded) for its feeder thread to end, so
    that later examples do not fork while it runs."""
    q.close()
    bounded(q.join_thread, seconds)


def get_within(q, seconds):
    """``get(timeout=seconds)``, bounded: ``(True, item)``, or ``(False, None)`` if it raised
    queue.Empty or blocked; any other exception is judged (forbidden ``raised``)."""
    ended, value = bounded(lambda: q.get(timeout=seconds), seconds * 2)
    if ended == "raised" and not isinstance(value, queue.Empty):
        with judged("Queue.get(timeout=t)"):
            raise value
    return (True, value) if ended == "returned" else (False, None)


def run_until_producers_exit(s, board, actor, plans, producers, extra_args):
    """Start producers (the first ``producers`` plans) and consumers through one gate; once
    every producer has exited — its items all in the pipe — tell the consumers (``GONE``).
    Returns (what the producers returned, what the consumers returned)."""
    children = s.start_together(actor, plans, role=[f"{plan[0]}r {i}" for i, plan in
                                                    enumerate(plans)], extra_args=extra_args)
    refused = s.join(children[:producers], stuck_in="Queue.put, or a producer's exit while "
                                                    "its feeder flushes")
    board[actors.GONE] = 1
    return refused, s.join(children[producers:], stuck_in="Queue.get")


def judge_deliveries(table, puts, received_by_consumer, refused=()):
    """Count (with ``table``) every item put (``puts[p]`` items by producer p) as delivered
    exactly once, intact, and after every earlier item of its producer that the same consumer
    received; ``refused[p]`` lists the seqs whose put raised queue.Full."""
    outcomes = table.counter()
    copies, bad = {}, {}
    for consumer, received in enumerate(received_by_consumer):
        last = {}
        for record in received:
            if record[0] != "item":
                continue
            _, producer, seq, intact = record
            copies[producer, seq] = copies.get((producer, seq), 0) + 1
            if not intact:
                bad.setdefault((producer, seq), ("corrupted", f"consumer {consumer} got a "
                                                              f"corrupted payload"))
            if seq <= last.get(producer, -1):
                bad.setdefault((producer, seq), (
                    "out-of-order", f"consumer {consumer} got ({producer}, {seq}) after "
                                    f"({producer}, {last[producer]})"))
            last[producer] = max(seq, last.get(producer, -1))
    for producer, count in enumerate(puts):
        not_put = set(refused[producer]) if refused else set()
        for seq in range(count):
            got = copies.pop((producer, seq), 0)
            if seq in not_put:
                outcomes.observe("refused", f"put of item ({producer}, {seq}) raised "
                                            f"queue.Full")
            elif got == 0:
                outcomes.observe("lost", f"item ({producer}, {seq})")
            elif got > 1:
                outcomes.observe("duplicated", f"item ({producer}, {seq}) received {got} times")
            elif (producer, seq) in bad:
                outcomes.observe(*bad[producer, seq])
            else:
                outcomes.observe("once-in-order")
    for (producer, seq), got in copies.items():
        outcomes.observe("phantom", f"item ({producer}, {seq}) received {got} times")
    outcomes.verdict()


@example(program={"items": (volume(120, (8, 100, 5000, 70000)), volume(80, (0, 8, 100)),
                            volume(64, (70000, 8))),
                  "consumer_pauses": ((), ()), "maxsize": 0})
@example(program={"items": (volume(100, (8, 100)), volume(100, (5000, 8))),
                  "consumer_pauses": ((0.0, 0.0005), ()), "maxsize": 3})
@invariant(program=producer_consumer_programs())
def test_every_item_arrives_once_in_its_producers_order(target, program):
    """With several producers and consumers, every item put is received exactly once, intact,
    and each consumer receives any one producer's items in the order that producer put them
    (so a single consumer receives each producer's items in put order).

    Docs: multiprocessing — Pipes and Queues (Queue: "a process shared queue"; note on items
    from different processes); Exchanging objects between processes (Queues: "thread and
    process safe").
    Promises: Q-1, Q-2, Q-3.
    """
    items, pauses = program["items"], program["consumer_pauses"]
    producers, consumers = len(items), len(pauses)
    total = sum(len(plan) for plan in items)
    plans = [("produce", p, plan) for p, plan in enumerate(items)]
    plans += [("consume", c, consumers, total, plan) for c, plan in enumerate(pauses)]
    with target.scenario() as s:
        board = s.board(actors.GOT_BY + consumers)
        q = s.keep(target.ctx.Queue(program["maxsize"]))
        refused, received = run_until_producers_exit(
            s, board, actors.produce_or_consume, plans, producers, (q, board, patience(s)))
    judge_deliveries(BOUNDED_DELIVERIES, [len(plan) for plan in items], received,
                     refused=refused)


@example(program={"items": scaled(300), "consumer_pauses": ((), (0.0, 0.0005))})
@invariant(program=joinable_programs())
def test_join_returns_only_after_every_task_done(target, program):
    """``JoinableQueue.join()`` returns only after ``task_done()`` was called for every item
    put: consumers count each call on the board just before making it, and the joiner, right
    after ``join()`` returns, sees every call counted.

    Docs: multiprocessing — Pipes and Queues (JoinableQueue.join: "Block until all items in the
    queue have been gotten and processed"; task_done).
    Promises: JQ-3.
    """
    pauses = program["consumer_pauses"]
    consumers = len(pauses)
    total = program["items"] + consumers  # one sentinel per consumer, also task_done()'d
    with target.scenario() as s:
        board = s.board(actors.DONE + consumers)
        jq = s.keep(target.ctx.JoinableQueue())
        plans = [("join", program["items"], consumers)]
        plans += [("consume", c, plan) for c, plan in enumerate(pauses)]
        seen = s.run(actors.join_or_consume, plans, role="joiner/consumer",
                     stuck_in="JoinableQueue.join or get",
                     extra_args=(jq, board, patience(s)))
    joiner_saw, gets = seen[0], seen[1:]
    outcomes = TASKS_DONE.counter()
    outcomes.expect(None not in gets and sum(gets) == total, "lost",
                    f"consumers got {gets} items, {total} put in all", "after-all-done")
    outcomes.expect(joiner_saw == total, "early",
                    f"join() returned having seen {joiner_saw} of {total} task_done() calls",
                    "after-all-done")
    outcomes.verdict()


def test_task_done_more_often_than_put_raises_value_error(target):
    """Calling ``task_done()`` more times than items were put raises ValueError.

    Docs: multiprocessing — Pipes and Queues (JoinableQueue.task_done: "Raises a ValueError if
    called more times than there were items placed in the queue").
    Promises: JQ-2.
    """
    jq = target.ctx.JoinableQueue()
    expect_raises(ValueError, jq.task_done, "task_done() on a JoinableQueue nobody put into")
    for item in range(3):
        with judged("JoinableQueue.put()"):
            jq.put(item)
    for _ in range(3):
        with judged("get() of an item put in this process, then task_done()"):
            jq.get(timeout=target.deadline)
            jq.task_done()
    expect_raises(ValueError, jq.task_done, "a 4th task_done() after 3 puts")
    retire(jq, target.deadline)


def test_join_with_no_unfinished_task_returns(target):
    """``join()`` on a JoinableQueue with no unfinished task returns: on a fresh queue, and once
    every item put has been gotten and ``task_done()``'d.

    Docs: multiprocessing — Pipes and Queues (JoinableQueue.join: "When the count of unfinished
    tasks drops to zero, join() unblocks").
    Promises: JQ-4.
    """
    with target.scenario() as s:
        plans = [(s.keep(target.ctx.JoinableQueue()), items, patience(s)) for items in (0, 3)]
        joined = s.run(actors.settle_then_join, plans, role="joiner",
                       stuck_in="JoinableQueue.join with no unfinished task")
    outcomes = JOINED.counter()
    for report in joined:
        outcomes.expect(report[0] == "joined", "starved", "a get of an item put in the same "
                                                          "process found nothing", "returned")
    outcomes.verdict()


def test_only_joinable_queue_has_task_done_and_join(target):
    """A JoinableQueue is a Queue with ``task_done()`` and ``join()``; a plain Queue has
    neither.

    Docs: multiprocessing — Pipes and Queues (JoinableQueue: "a Queue subclass, is a queue which
    additionally has task_done() and join() methods").
    Promises: JQ-1, Q-12.
    """
    plain, joinable = target.ctx.Queue(), target.ctx.JoinableQueue()
    outcomes = SURFACE.counter()
    outcomes.expect(isinstance(joinable, type(plain)), "not-a-subclass",
                    f"{type(joinable).__name__} is not a subclass of {type(plain).__name__}",
                    "as-documented")
    for name in ("task_done", "join"):
        outcomes.expect(callable(getattr(joinable, name, None)), "missing-method",
                        f"JoinableQueue has no {name}()", "as-documented")
        outcomes.expect(not hasattr(plain, name), "extra-method", f"a plain Queue has {name}",
                        "as-documented")
    outcomes.verdict()


@invariant(timeout=short_timeouts)
def test_get_from_empty_queue_raises_empty_never_early(target, timeout):
    """On an empty Queue, ``get(False)`` and ``get_nowait()`` raise queue.Empty, and
    ``get(timeout=t)`` raises queue.Empty no earlier than t.

    Docs: multiprocessing — Pipes and Queues (Queue.get: "raises the queue.Empty exception if
    no item was available within that time"; the exceptions are queue's).
    Promises: Q-6, Q-7, Q-8.
    """
    q = target.ctx.Queue()
    expect_raises(queue.Empty, lambda: q.get(False), "get(False) on an empty Queue")
    expect_raises(queue.Empty, q.get_nowait, "get_nowait() on an empty Queue")
    started = time.monotonic()
    expect_raises(queue.Empty, lambda: q.get(timeout=timeout),
                  f"get(timeout={timeout}) on an empty Queue")
    never_early(time.monotonic() - started, timeout, f"get(timeout={timeout})")


@invariant(maxsize=st.sampled_from([-1, 0, 1, 2, 3]), timeout=short_timeouts)
def test_put_to_full_queue_raises_full_never_early(target, maxsize, timeout):
    """A Queue with maxsize n holds n items: then ``full()`` is True, ``put(x, False)`` and
    ``put_nowait(x)`` raise queue.Full, ``put(x, timeout=t)`` raises queue.Full no earlier than
    t, and a get makes room again.  A maxsize of zero or less means no limit: never full.

    Docs: multiprocessing — Pipes and Queues (Queue(maxsize); Queue.full; Queue.put: "raises
    the queue.Full exception if no free slot was available within that time").
    Promises: Q-4, Q-5, Q-8, Q-11.
    """
    q = target.ctx.Queue(maxsize)
    outcomes = FULLNESS.counter()
    if maxsize <= 0:
        for item in range(scaled(50)):
            with judged("put_nowait() on an unbounded Queue"):
                q.put_nowait(item)
        outcomes.expect(not q.full(), "full-unbounded",
                        f"full() with maxsize={maxsize} after {scaled(50)} puts", "right")
        outcomes.verdict()
        retire(q, target.deadline)
        return
    for item in range(maxsize):
        with judged("put_nowait() on a Queue with room"):
            q.put_nowait(item)
    outcomes.expect(q.full(), "not-full", f"full() was False after {maxsize} puts, maxsize "
                                          f"{maxsize}", "right")
    outcomes.verdict()
    expect_raises(queue.Full, lambda: q.put("x", False), "put(x, False) on a full Queue")
    expect_raises(queue.Full, lambda: q.put_nowait("x"), "put_nowait(x) on a full Queue")
    started = time.monotonic()
    expect_raises(queue.Full, lambda: q.put("x", timeout=timeout),
                  f"put(x, timeout={timeout}) on a full Queue")
    never_early(time.monotonic() - started, timeout, f"put(timeout={timeout})")
    with judged("get() of the first item put"):
        first = q.get(timeout=target.deadline)
    outcomes.expect(first == 0, "not-first", f"the first get returned {first!r}, not 0", "right")
    outcomes.expect(not q.full(), "still-full", "full() was True after a get", "right")
    outcomes.verdict()
    with judged("put_nowait() after a get freed a slot"):
        q.put_nowait("room")
    retire(q, target.deadline)


@pytest.mark.requires("sem_getvalue")
@example(program=((8,) * scaled(100), (100, 5000) * scaled(50), (70000,) * scaled(8)))
@invariant(program=qsize_programs())
def test_qsize_counts_items_put_and_not_yet_got(target, program):
    """At rest — every put() of several producer processes has returned, nobody but this
    process gets — ``qsize()`` is the number of items put and not yet got: their total at
    first, one less after each get, zero after the last.

    Docs: multiprocessing — Pipes and Queues (Queue.qsize: "Return the approximate size of the
    queue"; approximate "because of multithreading/multiprocessing semantics", absent here).
    Promises: Q-10.
    """
    total = sum(len(sizes) for sizes in program)
    with target.scenario() as s:
        board = s.board(actors.PUT_BY + len(program))
        q = s.keep(target.ctx.Queue())
        producers = [s.start(actors.put_and_stay, q, board, s.deadline, producer, sizes,
                             role=f"producer {producer}")
                     for producer, sizes in enumerate(program)]
        for producer in range(len(program)):
            s.await_slot(board, actors.PUT_BY + producer, 1,
                         what=f"producer {producer}'s puts to return")
        outcomes = QSIZE.counter()
        for left in range(total, -1, -1):
            counted = q.qsize()
            outcomes.expect(counted == left, "miscounted",
                            f"qsize() said {counted} with {left} of {total} items left",
                            "exact")
            if left:
                got, _ = get_within(q, s.deadline)
                if not got:
                    outcomes.observe("lost", f"get found nothing with {left} of {total} items "
                                             f"left")
                    break
        board[actors.GO_HOME] = 1
        s.join(producers, stuck_in="process exit once the producer's items were got")
    outcomes.verdict()


@example(sizes=(3000,) * scaled(450))
@invariant(sizes=unflushed_programs())
def test_child_exit_waits_until_its_items_are_flushed(target, sizes):
    """A child that put more items than its pipe holds does not exit before they are read:
    still alive once its last put() returned and it blocked, it exits with code 0 after another
    process got every item, intact and in order.

    Docs: multiprocessing — Pipes and Queues (warning: "a process that has put items in a queue
    will wait before terminating until all the buffered items are fed by the 'feeder' thread to
    the underlying pipe"); Programming guidelines (Joining processes that use queues).
    Promises: Q-18.
    """
    with target.scenario() as s:
        board = s.board(1)
        counts = s.board(actors.GOT_BY + 1)  # the drainer's; GONE once the putter exited
        q = s.keep(target.ctx.Queue())
        putter = s.start(actors.put_announce_and_exit, q, board, 0, sizes, role="putter")
        s.await_slot(board, actors.PUT_DONE, 1, what="the putter's last put() to return")
        s.await_blocked(putter)  # in its exit, waiting for the feeder; or, broken, gone
        exited_unread = putter.process.exitcode
        drainer = s.start(actors.consume, q, counts, patience(s), 0, 1, len(sizes), (),
                          role="drainer")
        s.join([putter], stuck_in="the putter's exit while the drainer reads its items")
        counts[actors.GONE] = 1
        (received,) = s.join([drainer], stuck_in="Queue.get of the putter's items")
    outcomes = FLUSHED_AT_EXIT.counter()
    outcomes.expect(exited_unread is None, "exited",
                    f"the putter exited (code {exited_unread}) with {len(sizes)} items put "
                    f"({sum(sizes)} bytes) before anyone read", "waited")
    if exited_unread is None:
        outcomes.expect(putter.process.exitcode == 0, "exit-failed",
                        f"the putter exited with code {putter.process.exitcode}", "waited")
    outcomes.verdict()
    judge_deliveries(DELIVERIES, [len(sizes)], [received])


def test_cancel_join_thread_lets_child_exit_unflushed(target):
    """A child that put an item larger than the pipe's buffer and then called
    ``cancel_join_thread()`` exits, with code 0, without anyone consuming the item.

    Docs: multiprocessing — Pipes and Queues (Queue.cancel_join_thread: "Prevent join_thread()
    from blocking ... the process will exit immediately without waiting to flush").
    Promises: Q-19.
    """
    with target.scenario() as s:
        q = s.keep(target.ctx.Queue())
        putter = s.start(actors.put_large_and_cancel, q, LARGE, role="putter")
        s.join([putter], stuck_in="process exit after cancel_join_thread(), its item unflushed")
    outcomes = CANCELLED.counter()
    outcomes.expect(putter.process.exitcode == 0, "exit-failed",
                    f"the putter exited with code {putter.process.exitcode}", "exited")
    outcomes.verdict()


@example(growth=(3,) * 100)
@invariant(growth=lists_of(sized(1, 200), 2, 6))
def test_item_arrives_as_it_was_at_put_or_later(target, growth):
    """An object mutated after ``put()`` arrives as it was at that put or in a later state —
    never an earlier one: a list put several times, growing right after each put, arrives each
    time at least as long as it was at that put, and as a prefix of its final contents.

    Docs: multiprocessing — Pipes and Queues (note: "When an object is put on a queue, the
    object is pickled and a background thread later flushes the pickled data").
    Promises: Q-20.
    """
    q = target.ctx.Queue()
    grown, at_put = [], []
    for step in growth:
        at_put.append(len(grown))
        with judged("Queue.put(list)"):
            q.put(grown)
        grown.extend(range(len(grown), len(grown) + step))  # right after put: races its pickling
    outcomes = PICKLED_LATE.counter()
    for index, length in enumerate(at_put):
        arrived, got = get_within(q, target.deadline)
        if not arrived:
            outcomes.observe("lost", f"put {index}: get found nothing")
            continue
        if got != list(range(len(got))) or len(got) > len(grown):
            outcomes.observe("not-a-state", f"put {index}: received {got[:8]!r}... "
                                            f"({len(got)} items)")
        else:
            outcomes.expect(len(got) >= length, "earlier-state",
                            f"put {index} of a {length}-item list received {len(got)} items",
                            "as-put-or-later")
    outcomes.verdict()
    retire(q, target.deadline)


def test_unpicklable_item_is_dropped_and_frees_its_slot(target):
    """An object that cannot be pickled does not wedge a Queue: on a Queue of maxsize 1, after
    ``put()`` of such an object the next item can still be put (the object's slot was given
    back), and it is the next item got.

    Docs: multiprocessing — Pipes and Queues (Queue.put; note: "the object is pickled and a
    background thread later flushes the pickled data"); Connection.send ("The object must be
    picklable").
    Promises: Q-21.
    """
    q = target.ctx.Queue(1)
    outcomes = UNPICKLABLE.counter()
    try:
        q.put(Unpicklable())
        outcomes.observe("dropped")
    except Refused:
        outcomes.observe("refused")
    with judged("put(item, timeout=t) after the unpicklable put"):
        try:
            q.put("next", timeout=target.deadline)
            room = True
        except queue.Full:
            room = False
    if not room:
        outcomes.observe("slot-kept", f"put('next', timeout={target.deadline:g}) raised "
                                      f"queue.Full")
    else:
        got = returns_within(lambda: q.get(timeout=target.deadline), target.deadline * 2,
                             "get() of the next item", stuck_in="Queue.get of the next item")
        outcomes.expect(got == "next", "not-next", f"got {got!r}, expected 'next'", "dropped")
    outcomes.verdict()
    retire(q, target.deadline)


def test_closed_queue_refuses_put_and_get(target):
    """After ``close()`` (which may be called twice), ``put()`` and ``get()`` in the same process
    raise ValueError, for a Queue and a JoinableQueue.

    Docs: multiprocessing — Pipes and Queues (Queue.close; Queue.put and Queue.get: "If the
    queue is closed, ValueError is raised").
    Promises: Q-13, Q-14, Q-15, JQ-5.
    """
    for kind in ("Queue", "JoinableQueue"):
        q = getattr(target.ctx, kind)()
        with judged(f"{kind}.put()"):
            q.put("before")
        with judged(f"{kind}.close() twice"):
            q.close()
            q.close()
        expect_raises(ValueError, lambda: q.put("after"), f"put() after {kind}.close()")
        expect_raises(ValueError, lambda: q.put_nowait("after"),
                      f"put_nowait() after {kind}.close()")
        expect_raises(ValueError, lambda: q.get(timeout=target.deadline),
                      f"get() after {kind}.close()")
        expect_raises(ValueError, q.get_nowait, f"get_nowait() after {kind}.close()")
        expect_returns_within(q.join_thread, target.deadline, f"{kind}.join_thread() after "
                                                              f"close()")


def test_join_thread_only_after_close(target):
    """``join_thread()`` before ``close()`` raises AssertionError; after ``close()`` it returns
    once the buffered data is flushed.

    Docs: multiprocessing — Pipes and Queues (Queue.join_thread: "This can only be used after
    close() has been called").
    Promises: Q-16, Q-17.
    """
    q = target.ctx.Queue()
    with judged("Queue.put()"):
        q.put("small")
    expect_raises_within(AssertionError, q.join_thread, target.deadline,
                         "join_thread() before close()")
    q.close()
    expect_returns_within(q.join_thread, target.deadline,
                          "join_thread() after close(), one small item buffered")


@example(program=((70000,) * 8,) * 3)  # always race large writes: interleaving shows reliably
@example(program=((8, 100, 5000, 70000) * scaled(25), (0, 8) * scaled(40), (100,) * scaled(64)))
@invariant(program=simple_queue_programs())
def test_simple_queue_carries_each_producers_items_in_order(target, program):
    """A SimpleQueue passed to several producer processes carries every item, intact and once,
    to a consumer process, each producer's items in its put order.

    Docs: multiprocessing — Pipes and Queues (SimpleQueue: put, get, empty).
    Promises: SQ-1, SQ-5.
    """
    total = sum(len(sizes) for sizes in program)
    plans = [("produce", p, sizes) for p, sizes in enumerate(program)] + [("consume", total)]
    with target.scenario() as s:
        sq = s.keep(target.ctx.SimpleQueue())
        seen = s.run(actors.simple_produce_or_consume, plans, role="producer/consumer",
                     stuck_in="SimpleQueue.put or SimpleQueue.get",
                     extra_args=(sq, patience(s)))
    judge_deliveries(DELIVERIES, [len(sizes) for sizes in program], [seen[-1]])


def test_simple_queue_put_pickles_at_once(target):
    """``SimpleQueue.put()`` pickles in the calling thread: an object that cannot be pickled
    makes ``put()`` itself raise, and nothing is written (the next item put is the next got).

    Docs: multiprocessing — Pipes and Queues (SimpleQueue.put); Connection.send ("The object
    must be picklable").
    Promises: SQ-3.
    """
    sq = target.ctx.SimpleQueue()
    threads = set(threading.enumerate())
    try:
        expect_raises(Refused, lambda: sq.put(Unpicklable()), "SimpleQueue.put(unpicklable)")
    except Violation:
        sq.close()
        settle(threads, target.deadline)
        raise
    with judged("SimpleQueue.put() after a refused put"):
        sq.put("next")
    outcomes = PICKLED_AT_ONCE.counter()
    end = time.monotonic() + target.deadline
    with judged("SimpleQueue.empty()"):
        while sq.empty() and time.monotonic() < end:
            time.sleep(0.001)
        waiting = not sq.empty()
    if not waiting:
        outcomes.observe("lost", f"nothing to get {target.deadline:g} s after put('next')")
    else:
        with judged("SimpleQueue.get() with data waiting"):
            got = sq.get()
        outcomes.expect(got == "next", "not-next", f"got {got!r} after a refused put, "
                                                   f"expected 'next'", "next")
    outcomes.verdict()
    sq.close()


def test_simple_queue_has_only_put_get_empty_close(target):
    """A SimpleQueue offers ``put``, ``get``, ``empty`` and ``close`` — none of Queue's
    ``qsize``, ``full``, ``put_nowait``, ``get_nowait``, and no block or timeout arguments.

    Docs: multiprocessing — Pipes and Queues (SimpleQueue: "a simplified Queue type, very close
    to a locked Pipe").
    Promises: SQ-2.
    """
    sq = target.ctx.SimpleQueue()
    outcomes = SIMPLE_SURFACE.counter()
    for name in ("put", "get", "empty", "close"):
        outcomes.expect(hasattr(sq, name), "missing-method", f"SimpleQueue has no {name}()",
                        "as-documented")
    for name in ("qsize", "full", "put_nowait", "get_nowait"):
        outcomes.expect(not hasattr(sq, name), "extra-method", f"SimpleQueue has {name}()",
                        "as-documented")
    outcomes.verdict()
    expect_raises(TypeError, lambda: sq.put("x", timeout=1), "SimpleQueue.put(x, timeout=1)")
    sq.close()


def test_simple_queue_unusable_after_close(target):
    """After ``SimpleQueue.close()``, ``get()``, ``put()`` and ``empty()`` raise OSError.

    Docs: multiprocessing — Pipes and Queues (SimpleQueue.close: "Close the queue: release
    internal resources").
    Promises: SQ-4.
    """
    sq = target.ctx.SimpleQueue()
    sq.close()
    expect_raises(OSError, sq.empty, "SimpleQueue.empty() after close()")
    expect_raises(OSError, lambda: sq.put("x"), "SimpleQueue.put() after close()")
    expect_raises_within(OSError, sq.get, target.deadline, "SimpleQueue.get() after close()")
