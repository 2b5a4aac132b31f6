"""Shared only through inheritance: what may be passed to children, and what is refused.

Docs: multiprocessing — Programming guidelines (Better to inherit than pickle/unpickle;
Explicitly pass resources to child processes); Contexts and start methods; Synchronization
primitives (the note on SIGINT).

Primitives, queues and shared ctypes objects travel to a child only as it is started (as
Process arguments, pickled while spawning, or inherited by fork); pickling them at any other
time is refused.  Native provider only: manager proxies are the documented way around this
rule and pickle freely.
"""

import functools
import os
import queue
import signal
import time

import pytest

from conformance.actors import inheritance as actors
from conformance.harness.scenario import Scenario
from conformance.judge import ChildFailed, OutcomeTable, Stuck, expect_raises
from conformance.specimens import Refused, Unpicklable

SPAWNING = ("spawn", "forkserver")


def inheritance_only(ctx):
    """One object of every kind that may only be shared through inheritance."""
    return {
        "Lock": ctx.Lock(), "RLock": ctx.RLock(), "Semaphore": ctx.Semaphore(1),
        "BoundedSemaphore": ctx.BoundedSemaphore(1), "Condition": ctx.Condition(),
        "Event": ctx.Event(), "Barrier": ctx.Barrier(2), "Queue": ctx.Queue(),
        "JoinableQueue": ctx.JoinableQueue(), "SimpleQueue": ctx.SimpleQueue(),
        "Value": ctx.Value("i"), "Array": ctx.Array("i", 3), "RawValue": ctx.RawValue("i"),
        "RawArray": ctx.RawArray("i", 3),
    }


def close_queues(objects):
    for kind in ("Queue", "JoinableQueue", "SimpleQueue"):
        if kind in objects:
            objects[kind].close()


PICKLING = OutcomeTable(
    unit="attempts to pickle outside spawning",
    acceptable={"refused": "raised RuntimeError"},
    forbidden={"sent": "was pickled and sent", "other-error": "raised something else"},
)


def test_pickling_outside_spawning_is_refused(target):
    """Sending a Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier, queue,
    Value, Array, RawValue or RawArray through a Pipe or a SimpleQueue raises RuntimeError:
    they may only be shared through inheritance.

    Docs: multiprocessing — Programming guidelines (Better to inherit than pickle/unpickle:
    "ensure that processes which need to use a resource created elsewhere can inherit it from an
    ancestor process").
    Promises: INH-1, INH-2, INH-3, INH-4.
    """
    ctx = target.ctx
    objects = inheritance_only(ctx)
    sender, receiver = ctx.Pipe()
    channel = ctx.SimpleQueue()
    outcomes = PICKLING.counter()
    try:
        for via, send in (("Connection.send", sender.send), ("SimpleQueue.put", channel.put)):
            for kind, obj in objects.items():
                try:
                    send(obj)
                except RuntimeError:
                    outcomes.observe("refused")
                except Exception as exc:  # counted: the promise names RuntimeError
                    outcomes.observe("other-error", f"{via}({kind}) raised "
                                                    f"{type(exc).__name__}: {exc}")
                else:
                    outcomes.observe("sent", f"{via}({kind}) returned")
    finally:
        sender.close()
        receiver.close()
        channel.close()
        close_queues(objects)
    outcomes.verdict()


def test_pool_task_with_a_primitive_is_refused(target):
    """A Lock, Value or Event passed as a Pool task argument makes ``apply`` raise RuntimeError
    in the caller.

    Docs: multiprocessing — Programming guidelines (Better to inherit than pickle/unpickle);
    Shared ctypes Objects and Synchronization primitives are shared "through inheritance".
    Promises: INH-5.
    """
    ctx = target.ctx
    with target.scenario() as s:
        arguments = {"Lock": s.keep(ctx.Lock()), "Value": s.keep(ctx.Value("i")),
                     "Event": s.keep(ctx.Event())}
        with ctx.Pool(1) as pool:
            for kind, argument in arguments.items():
                expect_raises(RuntimeError, lambda: pool.apply_async(
                    actors.identity, (argument,)).get(timeout=s.deadline),
                    f"Pool.apply(identity, ({kind},))")


QUEUE_DELIVERY = OutcomeTable(
    unit="Locks put on a Queue, each followed by another item",
    acceptable={"dropped": "put() returned or raised RuntimeError, and the next item got was "
                           "the one put after the Lock"},
    forbidden={"delivered": "the Lock reached the consumer: get() returned it, or raised "
                            "rebuilding it",
               "put-raised-other": "put() raised something else than RuntimeError"},
)


def test_queue_never_delivers_an_inheritance_only_object(target):
    """A Lock put on a Queue never reaches the consumer: ``put`` may return (the feeder thread
    meets the RuntimeError and drops the item) or raise RuntimeError, and the next item put is
    the next one got.

    Docs: multiprocessing — Programming guidelines (Better to inherit than pickle/unpickle);
    Pipes and Queues (Queue: objects are pickled by a background thread).
    Promises: INH-6.
    """
    ctx = target.ctx
    lock, channel = ctx.Lock(), ctx.Queue()
    outcomes = QUEUE_DELIVERY.counter()
    try:
        try:
            channel.put(lock)
        except RuntimeError:
            pass
        except Exception as exc:  # counted: the promise names RuntimeError
            outcomes.observe("put-raised-other", f"put(Lock) raised {type(exc).__name__}: "
                                                 f"{exc}")
        channel.put("after")
        try:
            got = channel.get(timeout=target.deadline)
        except queue.Empty:
            raise Stuck(f"nothing arrived within {target.deadline:g} s of putting an item "
                        f"after the Lock", stuck_in="Queue.get after a dropped Lock") from None
        except Exception as exc:  # counted: rebuilding the Lock is delivering it
            got = f"{type(exc).__name__} raised rebuilding it: {exc}"
    finally:
        channel.close()
        channel.join_thread()
    outcomes.expect(got == "after", "delivered",
                    f"get() after put(Lock), put('after') gave {got!r}", "dropped")
    outcomes.verdict()


SHARED_WITH_CHILD = OutcomeTable(
    unit="objects passed to a child",
    acceptable={"shared": "the parent saw the child's mark on its own object"},
    forbidden={"not-shared": "the parent did not see the child's mark",
               "unusable": "the object failed in the child"},
)


def test_primitives_passed_to_a_child_are_shared(target):
    """Locks, semaphores, a Condition, Event, Barrier, queues, a Pipe connection and shared
    ctypes objects passed as Process arguments are the parent's own objects in the child,
    under every start method.

    Docs: multiprocessing — Programming guidelines (Explicitly pass resources to child
    processes: "it is better to pass the object as an argument to the constructor for the
    child process").
    Promises: INH-7, START-5.
    """
    ctx = target.ctx
    with target.scenario() as s:
        objects = {kind: s.keep(obj) for kind, obj in inheritance_only(ctx).items()}
        mine, theirs = ctx.Pipe()
        objects["Connection"] = theirs
        child = s.start(actors.leave_marks, objects, s.deadline, role="mark-leaver")
        seen = {"Barrier": barrier_met(objects["Barrier"], s.deadline)}
        for kind in ("Queue", "JoinableQueue"):
            seen[kind] = got_within(objects[kind], s.deadline)
        seen["Connection"] = mine.poll(s.deadline) and mine.recv() == actors.TOKEN
        (failed,) = s.join([child], stuck_in="leaving marks on the objects")
        for kind in actors.HELD_IN_CHILD:
            seen[kind] = not objects[kind].acquire(False)
        seen["Event"] = objects["Event"].is_set()
        channel = objects["SimpleQueue"]
        seen["SimpleQueue"] = not channel.empty() and channel.get() == actors.TOKEN
        for kind in ("Value", "RawValue"):
            seen[kind] = objects[kind].value == actors.TOKEN
        for kind in ("Array", "RawArray"):
            seen[kind] = objects[kind][:] == [actors.TOKEN] * len(objects[kind])
        mine.close()
        theirs.close()
        close_queues(objects)
    outcomes = SHARED_WITH_CHILD.counter()
    for kind, marked in seen.items():
        if kind in failed:
            outcomes.observe("unusable", f"{kind}: {failed[kind]}")
        else:
            outcomes.expect(marked, "not-shared", f"{kind}: no mark seen by the parent",
                            "shared")
    outcomes.verdict()


def barrier_met(barrier, deadline):
    try:
        barrier.wait(timeout=deadline)
    except Exception:  # broken: the child never arrived at the parent's barrier
        return False
    return True


def got_within(channel, deadline):
    try:
        got = channel.get(timeout=deadline)
    except queue.Empty:
        return False
    if hasattr(channel, "task_done"):
        channel.task_done()
    return got == actors.TOKEN


CROSS_CONTEXT = OutcomeTable(
    unit="starts of a spawning process given a fork-context object",
    acceptable={"refused": "start() raised RuntimeError"},
    forbidden={"started": "start() returned", "other-error": "start() raised something else"},
)


@pytest.mark.requires("fork_and_spawning")
def test_fork_context_lock_is_refused_by_spawning_children(target):
    """A Lock or Event created in a fork context and passed to a process started by spawn or
    forkserver makes ``start()`` raise RuntimeError.

    Docs: multiprocessing — Contexts and start methods ("locks created using the fork context
    cannot be passed to processes started using the spawn or forkserver start methods").
    Promises: INH-8, START-5.
    """
    methods = target.module.get_all_start_methods()
    spawning = [method for method in methods if method in SPAWNING]
    if target.method == "fork":
        maker, starters = target.ctx, spawning
    else:
        maker, starters = target.module.get_context("fork"), [target.method]
    outcomes = CROSS_CONTEXT.counter()
    for kind in ("Lock", "Event"):
        shared = getattr(maker, kind)()
        for method in starters:
            what = f"a fork-context {kind} passed to a {method} process"
            with Scenario(target.module.get_context(method), target.deadline) as s:
                try:
                    child = s.start(actors.kind_of, shared, role=f"{method} child")
                except RuntimeError:
                    outcomes.observe("refused")
                    continue
                except Exception as exc:  # counted: the promise names RuntimeError
                    outcomes.observe("other-error", f"{what}: {type(exc).__name__}: {exc}")
                    continue
                try:
                    s.join([child], stuck_in="running with a fork-context object")
                except ChildFailed:
                    pass  # how the child fared is evidence, below
                outcomes.observe("started", f"{what}: start() returned; the child exited with "
                                            f"code {child.process.exitcode}")
    outcomes.verdict()


class UnpicklableMark(Unpicklable):
    """A Barrier action that marks a board slot and refuses every pickler."""

    def __init__(self, board, slot):
        self.board, self.slot = board, slot

    def __call__(self):
        actors.mark(self.board, self.slot)


BARRIER_ACTION = OutcomeTable(
    unit="barriers passed to a child",
    acceptable={"ran-in-child": "the action ran in the child",
                "refused": "start() failed to pickle the unpicklable action"},
    forbidden={"action-lost": "the child's barrier did not run the action",
               "started": "a spawning start() accepted an unpicklable action",
               "not-inherited": "a fork child did not run the inherited action"},
)


def test_barrier_action_travels_with_the_barrier(target):
    """A Barrier's action goes with it to a child: a picklable action runs there; under spawn
    and forkserver an unpicklable one makes ``start()`` fail, while a fork child inherits it
    and runs it.

    Docs: multiprocessing — Contexts and start methods (spawn: "the child process will only
    inherit those resources necessary to run the process object's run() method"; fork: "all
    resources of the parent are inherited by the child process"); Programming guidelines (More
    picklability).
    Promises: INH-10.
    """
    ctx = target.ctx
    with target.scenario() as s:
        board = s.board(2)
        picklable = s.keep(ctx.Barrier(1, action=functools.partial(actors.mark, board, 0)))
        s.join([s.start(actors.pass_barrier, picklable, s.deadline, role="party")],
               stuck_in="Barrier.wait")
        unpicklable = s.keep(ctx.Barrier(1, action=UnpicklableMark(board, 1)))
        try:
            s.join([s.start(actors.pass_barrier, unpicklable, s.deadline, role="party")],
                   stuck_in="Barrier.wait")
        except Refused as exc:
            refused = f"{type(exc).__name__}: {exc}"
        else:
            refused = None
        ran = board[0], board[1]
    outcomes = BARRIER_ACTION.counter()
    outcomes.expect(ran[0], "action-lost", "the picklable action did not run in the child",
                    "ran-in-child")
    if target.method in SPAWNING:
        outcomes.expect(refused, "started", f"{target.method} start() returned; the child "
                                            f"ran the action: {bool(ran[1])}", "refused")
    else:
        outcomes.expect(not refused and ran[1], "not-inherited",
                        f"start() raised {refused}" if refused else "the action did not run",
                        "ran-in-child")
    outcomes.verdict()


# Each primitive a child blocks in, held (or, for Condition.wait, never notified) by the parent.
BLOCKING_KINDS = ("Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition.acquire",
                  "Condition.wait")


def blocking_primitives(ctx):
    made = {"Lock": ctx.Lock(), "RLock": ctx.RLock(), "Semaphore": ctx.Semaphore(0),
            "BoundedSemaphore": ctx.BoundedSemaphore(1), "Condition.acquire": ctx.Condition(),
            "Condition.wait": ctx.Condition()}
    for kind in ("Lock", "RLock", "BoundedSemaphore", "Condition.acquire"):
        made[kind].acquire()
    return made


def unblock(kind, primitive, deadline):
    """Let a child that SIGINT did not interrupt finish its call."""
    if kind == "Condition.wait":
        if primitive.acquire(timeout=deadline):
            primitive.notify()
            primitive.release()
    else:
        primitive.release()


def interrupt_until(s, child, board, slot):
    """Once the child is blocked, send SIGINT, again at growing intervals, until the child
    reports on the board (True) or the deadline passes (False)."""
    end, interval = time.monotonic() + s.deadline, 0.05
    while time.monotonic() < end:
        s.await_blocked(child)
        try:
            os.kill(child.process.pid, signal.SIGINT)
        except ProcessLookupError:
            return False  # the child is gone: joining it reports why
        if board.wait_until(slot, 1, min(interval, max(0.0, end - time.monotonic()))):
            return True
        interval = min(interval * 2, 1.0)
    return False


INTERRUPTED = OutcomeTable(
    unit="blocking calls sent SIGINT",
    acceptable={"interrupted": "raised KeyboardInterrupt"},
    forbidden={"not-interrupted": "kept blocking until the parent let it finish"},
)


@pytest.mark.requires("posix_signals")
def test_sigint_interrupts_a_blocked_acquire(target):
    """A SIGINT reaching a child blocked in ``acquire()`` of a Lock, RLock, Semaphore,
    BoundedSemaphore or Condition, or in ``Condition.wait()``, interrupts the call with
    KeyboardInterrupt.

    Docs: multiprocessing — Synchronization primitives (note: "If the SIGINT signal generated
    by Ctrl-C arrives while the main thread is blocked by a call to BoundedSemaphore.acquire(),
    Lock.acquire(), RLock.acquire(), Semaphore.acquire(), Condition.acquire() or
    Condition.wait() then the call will be immediately interrupted and KeyboardInterrupt will
    be raised").  The child announces each call, the parent waits until it is blocked there
    before each SIGINT, and the child's handler raises for one SIGINT only: a signal landing
    outside the blocking call is never judged.
    Promises: SYNC-1.
    """
    with target.scenario() as s:
        made = {kind: s.keep(primitive)
                for kind, primitive in blocking_primitives(target.ctx).items()}
        board = s.board(actors.SLOTS_PER_PRIMITIVE * len(BLOCKING_KINDS))
        child = s.start(actors.block_until_interrupted, list(made.items()), board, s.deadline,
                        role="blocked child")
        for index, (kind, primitive) in enumerate(made.items()):
            slots = actors.SLOTS_PER_PRIMITIVE * index
            s.await_slot(board, slots + actors.READY, 1, what=f"the child to block in {kind}")
            if not interrupt_until(s, child, board, slots + actors.DONE):
                unblock(kind, primitive, s.deadline)
                s.await_slot(board, slots + actors.DONE, 1,
                             what=f"the child to finish {kind} once unblocked")
            board[slots + actors.ACK] = 1
        (ended,) = s.join([child], stuck_in="the blocking calls")
    outcomes = INTERRUPTED.counter()
    for kind, how in ended:
        outcomes.expect(how == "interrupted", "not-interrupted",
                        f"{kind}: {how} after SIGINTs for {s.deadline:g} s", "interrupted")
    outcomes.verdict()
