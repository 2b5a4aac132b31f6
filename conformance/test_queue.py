"""Queue, JoinableQueue and SimpleQueue: every item exactly once, each producer's items in its
put order; Full and Empty never early; join() only after every task_done(); a child's exit waits
for its buffered data to be flushed.

Docs: multiprocessing — Pipes and Queues (Queue, SimpleQueue, JoinableQueue); Exchanging objects
between processes (Queues); Programming guidelines (Joining processes that use queues).

Nothing here relies on ``empty()`` right after a ``put()`` (the docs warn it may still say True):
consumers use gets bounded by the deadline, or poll ``empty()`` until the deadline.
"""

import queue
import threading
import time

from hypothesis import example, strategies as st

from conformance.actors import queue as actors
from conformance.invariants import invariant
from conformance.judge import Outcomes, expect_raises, violation
from conformance.judge.timing import never_early
from conformance.specimens import Refused, Unpicklable
from conformance.strategies import delay_lists, delays, process_counts

# An item larger than any pipe's buffer (64 KiB on Linux and macOS), as in the docs' warning.
LARGE = 1 << 20
# How long a child that must still be flushing is given to (wrongly) exit.  Only a bug exits.
FLUSH_PROBE = 0.5


def patience(s):
    """How long a child waits for an item before reporting it starved: half the deadline, so
    that its evidence (not the parent's bound on the whole scenario) tells of a lost item."""
    return s.deadline / 2


payload_sizes = st.sampled_from([0, 8, 8, 100, 5000, 70000])  # 70000: more than a pipe buffer
short_timeouts = st.sampled_from([0.01, 0.05, 0.1])


@st.composite
def producer_consumer_programs(draw):
    """Producers, each with (delay, payload size) per item; consumers with pauses; a maxsize."""
    producers = draw(process_counts(1, 3))
    consumers = draw(process_counts(1, 3))
    items = tuple(tuple(draw(st.lists(st.tuples(delays, payload_sizes), max_size=12)))
                  for _ in range(producers))
    pauses = tuple(draw(delay_lists(draw(st.integers(0, 2)))) for _ in range(consumers))
    maxsize = draw(st.sampled_from([0, 0, 1, 3]))
    return {"items": items, "consumer_pauses": pauses, "maxsize": maxsize}


@st.composite
def joinable_programs(draw):
    """Items the joiner puts before it joins, and consumers with a pause (their work) per
    item."""
    items = draw(st.integers(1, 10))
    consumers = draw(process_counts(1, 3))
    pauses = tuple(draw(delay_lists(draw(st.integers(1, 3)))) for _ in range(consumers))
    return {"items": items, "consumer_pauses": pauses}


@st.composite
def simple_queue_programs(draw):
    """Producers, each with the payload sizes of its items, and one consumer."""
    producers = draw(process_counts(1, 3))
    return tuple(tuple(draw(st.lists(payload_sizes, max_size=8))) for _ in range(producers))


def bounded(call, seconds):
    """Run ``call`` in a daemon thread for at most ``seconds`` (the parent never blocks without
    a bound): ``("returned", value)``, ``("raised", exception)`` or ``("blocked", None)``."""
    ended = []

    def run():
        try:
            ended.append(("returned", call()))
        except Exception as exc:  # judged by the caller
            ended.append(("raised", exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return ended[0] if ended else ("blocked", None)


BLOCKED = "blocked"  # expect_raises_within: the call blocked instead of raising


def expect_raises_within(expected, call, seconds, what):
    """Like ``expect_raises``, for a call that a broken implementation might block in."""
    ended, value = bounded(call, seconds)
    if ended == "blocked":
        raise violation(BLOCKED, f"{what} still blocked after {seconds:g} s; expected it to "
                                 f"raise {expected.__name__}")
    expect_raises(expected, lambda: reraise(ended, value), what)


def retire(q, seconds):
    """Close a queue this process put into and wait (bounded) for its feeder thread to end, so
    that later examples do not fork while it runs."""
    q.close()
    bounded(q.join_thread, seconds)


def reraise(ended, value):
    if ended == "raised":
        raise value
    return value


def judge_deliveries(puts, received_by_consumer, unit):
    """Count every item put (``puts[p]`` items by producer p) as delivered exactly once, intact,
    and after every earlier item of its producer that the same consumer received."""
    outcomes = Outcomes(
        unit=unit,
        acceptable={"once-in-order": "received once, intact, after its producer's earlier items"},
        forbidden={"lost": "never received",
                   "duplicated": "received more than once",
                   "corrupted": "received with a payload other than the one put",
                   "out-of-order": "a consumer received it after a later item of its producer",
                   "phantom": "received although never put"},
    )
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
        for seq in range(count):
            got = copies.pop((producer, seq), 0)
            if got == 0:
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
    plans = [("produce", p, plan, consumers) for p, plan in enumerate(items)]
    plans += [("consume", producers, plan) for plan in pauses]
    with target.scenario() as s:
        q = s.keep(target.ctx.Queue(program["maxsize"]))
        seen = s.run(actors.produce_or_consume, plans, role="producer/consumer",
                     stuck_in="Queue.put or Queue.get", extra_args=(q, patience(s)))
    refused, received = seen[:producers], seen[producers:]
    judge_deliveries([len(plan) for plan in items], received, "items")
    assert not any(refused), f"puts refused with queue.Full for a whole deadline: {refused}"
    ends = sorted(r[1] for per_consumer in received for r in per_consumer if r[0] == "end")
    assert ends == sorted(p for p in range(producers) for _ in range(consumers)), \
        f"sentinels received {ends}: some lost or duplicated"


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
    assert None not in gets and sum(gets) == total, \
        f"consumers got {gets} items (expected {total} in all) before the deadline"
    outcomes = Outcomes(
        unit="returns from join()",
        acceptable={"after-all-done": "every task_done() call was counted before join returned"},
        forbidden={"early": "join() returned before every item's task_done()"},
    )
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
        jq.put(item)
    for _ in range(3):
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
        plans = [(s.keep(target.ctx.JoinableQueue()), items, s.deadline / 2) for items in (0, 3)]
        s.run(actors.settle_then_join, plans, role="joiner",
              stuck_in="JoinableQueue.join with no unfinished task")


def test_only_joinable_queue_has_task_done_and_join(target):
    """A JoinableQueue is a Queue with ``task_done()`` and ``join()``; a plain Queue has
    neither.

    Docs: multiprocessing — Pipes and Queues (JoinableQueue: "a Queue subclass, is a queue which
    additionally has task_done() and join() methods").
    Promises: JQ-1, Q-12.
    """
    plain, joinable = target.ctx.Queue(), target.ctx.JoinableQueue()
    assert isinstance(joinable, type(plain)), \
        f"{type(joinable).__name__} is not a subclass of {type(plain).__name__}"
    assert callable(getattr(joinable, "task_done", None)) and callable(
        getattr(joinable, "join", None)), "JoinableQueue lacks task_done() or join()"
    present = [name for name in ("task_done", "join") if hasattr(plain, name)]
    assert not present, f"a plain Queue has {present}"


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
    """A Queue with maxsize n holds n items: then ``put(x, False)`` and ``put_nowait(x)``
    raise queue.Full, ``put(x, timeout=t)`` raises queue.Full no earlier than t, and a get makes
    room again.  A maxsize of zero or less means no limit.

    Docs: multiprocessing — Pipes and Queues (Queue(maxsize); Queue.put: "raises the queue.Full
    exception if no free slot was available within that time").
    Promises: Q-4, Q-5, Q-8, Q-11.
    """
    q = target.ctx.Queue(maxsize)
    if maxsize <= 0:
        for item in range(50):
            q.put_nowait(item)  # unbounded: never Full
        retire(q, target.deadline)
        return
    for item in range(maxsize):
        q.put_nowait(item)
    expect_raises(queue.Full, lambda: q.put("x", False), "put(x, False) on a full Queue")
    expect_raises(queue.Full, lambda: q.put_nowait("x"), "put_nowait(x) on a full Queue")
    started = time.monotonic()
    expect_raises(queue.Full, lambda: q.put("x", timeout=timeout),
                  f"put(x, timeout={timeout}) on a full Queue")
    never_early(time.monotonic() - started, timeout, f"put(timeout={timeout})")
    assert q.get(timeout=target.deadline) == 0, "the first item put was not got first"
    q.put_nowait("room")  # a get freed a slot
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
        q.put("before")
        q.close()
        q.close()
        expect_raises(ValueError, lambda: q.put("after"), f"put() after {kind}.close()")
        expect_raises(ValueError, lambda: q.put_nowait("after"),
                      f"put_nowait() after {kind}.close()")
        expect_raises(ValueError, lambda: q.get(timeout=target.deadline),
                      f"get() after {kind}.close()")
        expect_raises(ValueError, q.get_nowait, f"get_nowait() after {kind}.close()")
        q.join_thread()


def test_join_thread_only_after_close(target):
    """``join_thread()`` before ``close()`` raises AssertionError; after ``close()`` it returns
    once the buffered data is flushed.

    Docs: multiprocessing — Pipes and Queues (Queue.join_thread: "This can only be used after
    close() has been called").
    Promises: Q-16, Q-17.
    """
    q = target.ctx.Queue()
    q.put("small")
    expect_raises_within(AssertionError, q.join_thread, target.deadline,
                         "join_thread() before close()")
    q.close()
    ended, value = bounded(q.join_thread, target.deadline)
    assert ended == "returned", f"join_thread() after close() {ended} {value or ''} " \
                                f"(one small item buffered)"


def test_child_exit_waits_until_its_large_item_is_drained(target):
    """A child that put an item larger than the pipe's buffer does not exit until the item is
    consumed; once another process gets it intact, the child exits with code 0.

    Docs: multiprocessing — Pipes and Queues (warning: "a process that has put items in a queue
    will wait before terminating until all the buffered items are fed by the 'feeder' thread to
    the underlying pipe"); Programming guidelines (Joining processes that use queues).
    Promises: Q-18.
    """
    with target.scenario() as s:
        board = s.board(1)
        q = s.keep(target.ctx.Queue())
        putter = s.start(actors.put_large, q, board, LARGE, False, role="putter")
        s.await_slot(board, actors.PUT_DONE, 1, what="the putter's put() to return")
        putter.process.join(FLUSH_PROBE)
        outcomes = Outcomes(
            unit="children with an unconsumed large item",
            acceptable={"waited": "still alive: its feeder has not flushed the item"},
            forbidden={"exited": "exited with the item still unconsumed"},
        )
        outcomes.expect(putter.process.exitcode is None, "exited",
                        f"the putter exited with code {putter.process.exitcode} before anyone "
                        f"got its {LARGE}-byte item", "waited")
        outcomes.verdict()
        drainer = s.start(actors.get_large, q, patience(s), role="drainer")
        got, _ = s.join([drainer, putter], stuck_in="Queue.get of the large item, or the "
                                                    "putter's exit after it was drained")
    assert got == (LARGE, True), f"the drainer got {got}, expected ({LARGE}, True)"
    assert putter.process.exitcode == 0, f"the putter exited with {putter.process.exitcode}"


def test_cancel_join_thread_lets_child_exit_unflushed(target):
    """A child that put an item larger than the pipe's buffer and then called
    ``cancel_join_thread()`` exits (code 0) without anyone consuming the item.

    Docs: multiprocessing — Pipes and Queues (Queue.cancel_join_thread: "Prevent join_thread()
    from blocking ... the process will exit immediately without waiting to flush").
    Promises: Q-19.
    """
    with target.scenario() as s:
        board = s.board(1)
        q = s.keep(target.ctx.Queue())
        putter = s.start(actors.put_large, q, board, LARGE, True, role="putter")
        s.join([putter], stuck_in="process exit after cancel_join_thread(), its item unflushed")
    assert putter.process.exitcode == 0, f"the putter exited with {putter.process.exitcode}"


@example(program=((70000,) * 8,) * 3)  # always race large writes: interleaving shows reliably
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
    judge_deliveries([len(sizes) for sizes in program], [seen[-1]], "items")


def test_simple_queue_put_pickles_at_once(target):
    """``SimpleQueue.put()`` pickles in the calling thread: an object that cannot be pickled
    makes ``put()`` itself raise, and nothing is written (the next item put is the next got).

    Docs: multiprocessing — Pipes and Queues (SimpleQueue.put); Connection.send ("The object
    must be picklable").
    Promises: SQ-3.
    """
    sq = target.ctx.SimpleQueue()
    expect_raises(Refused, lambda: sq.put(Unpicklable()), "SimpleQueue.put(unpicklable)")
    sq.put("next")
    end = time.monotonic() + target.deadline
    while sq.empty():
        assert time.monotonic() < end, "an item put in this process never became available"
        time.sleep(0.001)
    got = sq.get()
    assert got == "next", f"got {got!r} after a refused put, expected 'next'"
    sq.close()


def test_simple_queue_has_only_put_get_empty_close(target):
    """A SimpleQueue offers ``put``, ``get``, ``empty`` and ``close`` — none of Queue's
    ``qsize``, ``full``, ``put_nowait``, ``get_nowait``, and no block or timeout arguments.

    Docs: multiprocessing — Pipes and Queues (SimpleQueue: "a simplified Queue type, very close
    to a locked Pipe").
    Promises: SQ-2.
    """
    sq = target.ctx.SimpleQueue()
    missing = [name for name in ("put", "get", "empty", "close") if not hasattr(sq, name)]
    extra = [name for name in ("qsize", "full", "put_nowait", "get_nowait") if hasattr(sq, name)]
    assert not missing and not extra, f"SimpleQueue lacks {missing}, has {extra}"
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
