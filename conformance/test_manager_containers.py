"""Manager containers: list, Namespace, Value, Array, Queue and JoinableQueue proxies behave as
one shared object, every operation taking effect at one instant while it is in progress.

Docs: multiprocessing — Managers (SyncManager.list, Namespace, Value, Array, Queue); Sharing
state between processes — Server process; Proxy Objects.

The linearizability invariants run several processes, started together, through a drawn mix of
operations on one proxy; each records its history (``conformance.history``), and the parent
checks the merged histories against a sequential model (``conformance.judge.linearizability``).
Written values are unique, so every read is attributable.
"""

import itertools
import queue
import time

from hypothesis import strategies as st

from conformance.actors import managers as actors
from conformance.history import OK, Recorder
from conformance.invariants import invariant
from conformance.judge import Outcomes, expect_raises
from conformance.judge.linearizability import (
    AppendList,
    FifoQueue,
    KeyValueMap,
    Register,
    expect_linearizable,
)
from conformance.judge.timing import never_early
from conformance.specimens import Refused, Unpicklable
from conformance.strategies import delays, process_counts

MAX_OPERATIONS = 40  # per process: enough overlap to catch a race, small enough to check
WRITES = {"setitem", "append", "setattr", "value=", "set", "put"}  # their arg: a unique value
GET_TIMEOUT = 0.005  # of get(timeout): long enough to see another process's put
ARRAY_LENGTH = 3


def operation_programs(hows, keys=(None,)):
    """Per-process plans ``(process, ops)`` over the given operations and keys; every written
    value is unique."""

    @st.composite
    def programs(draw):
        unique = itertools.count(1)
        plans = []
        for process in range(draw(process_counts(2, 4))):
            steps = draw(st.lists(st.tuples(st.sampled_from(hows), st.sampled_from(keys), delays),
                                  min_size=MAX_OPERATIONS // 4,
                                  max_size=MAX_OPERATIONS))
            ops = tuple((how, key, argument(how, unique), delay) for how, key, delay in steps)
            plans.append((process, ops))
        return tuple(plans)

    return programs()


def argument(how, unique):
    if how in WRITES:
        return next(unique)
    return GET_TIMEOUT if how == "get(timeout)" else None


def run_recorders(target, make, program, drain=False):
    """Each plan's ops from its own process on ``make(manager)``; return the histories.  With
    ``drain`` the parent then empties the queue, recording that too."""
    with target.scenario() as s:
        shared = make(s.manager())
        histories = s.run(actors.record, program, role="recorder", stuck_in="a proxy call",
                          extra_args=(shared, s.board(len(program)), s.deadline))
        if drain:
            histories.append(drained(shared, process=len(program)))
    return histories


def drained(shared_queue, process):
    """Record ``get_nowait()`` until the queue says it is empty (bounded by what was put)."""
    recorder = Recorder(process, {queue.Empty: "empty"})
    for _ in range(MAX_OPERATIONS * 4 + 1):
        if recorder.call("get", shared_queue.get_nowait).status != OK:
            break
    return [tuple(operation) for operation in recorder.operations]


@invariant(program=operation_programs(("append", "append", "slice", "len")))
def test_list_operations_are_linearizable(target, program):
    """Concurrent ``append``, slicing and ``len`` on one list proxy from several processes form
    a linearizable history of one list.

    Docs: multiprocessing — Managers (SyncManager.list); Proxy Objects ("a proxy ... forwards
    each method call to the referent").
    Promises: MGR-3, MGR-4, MGR-7.
    """
    histories = run_recorders(target, lambda manager: manager.list(), program)
    expect_linearizable(histories, AppendList(), "a list proxy", target.deadline)


@invariant(program=operation_programs(("setattr", "getattr", "getattr"), keys=("a", "b", "c")))
def test_namespace_attributes_are_linearizable(target, program):
    """Concurrent attribute writes and reads on one Namespace proxy form, per attribute, a
    linearizable history of one register; reading an attribute nobody has set yet raises
    AttributeError.

    Docs: multiprocessing — Managers (Namespace objects); Sharing state between processes.
    Promises: MGR-4, MGR-15.
    """
    histories = run_recorders(target, lambda manager: manager.Namespace(), program)
    expect_linearizable(histories, KeyValueMap(), "a Namespace proxy", target.deadline)


@invariant(program=operation_programs(("value=", "set", ".value", "get()")))
def test_value_operations_are_linearizable(target, program):
    """Concurrent writes (``.value = v``, ``set(v)``) and reads (``.value``, ``get()``) on one
    Value proxy form a linearizable history of one register.

    Docs: multiprocessing — Managers (SyncManager.Value: "an object with a writable value
    attribute").
    Promises: MGR-4, MGR-17.
    """
    histories = run_recorders(target, lambda manager: manager.Value("i", 0), program)
    expect_linearizable(histories, Register(0), "a Value proxy", target.deadline)


@invariant(program=operation_programs(("setitem", "getitem"), keys=tuple(range(ARRAY_LENGTH))))
def test_array_items_are_linearizable(target, program):
    """Concurrent item writes and reads on one Array proxy form, per index, a linearizable
    history of one register.

    Docs: multiprocessing — Managers (SyncManager.Array).
    Promises: MGR-4, MGR-18.
    """
    histories = run_recorders(target, lambda manager: manager.Array("i", [0] * ARRAY_LENGTH),
                              program)
    expect_linearizable(histories, KeyValueMap(0), "an Array proxy", target.deadline)


QUEUE_OPERATIONS = ("put", "put", "get_nowait", "get(timeout)")


@invariant(program=operation_programs(QUEUE_OPERATIONS))
def test_queue_operations_are_linearizable(target, program):
    """Concurrent ``put``, ``get_nowait`` and ``get(timeout)`` on one Queue proxy, then a drain,
    form a linearizable history of one FIFO queue (``queue.Empty`` says it was empty).

    Docs: multiprocessing — Managers (SyncManager.Queue: "a shared queue.Queue object");
    queue — Queue objects.
    Promises: MGR-4, MGR-19.
    """
    histories = run_recorders(target, lambda manager: manager.Queue(), program, drain=True)
    expect_linearizable(histories, FifoQueue(), "a Queue proxy", target.deadline)


@invariant(program=operation_programs(QUEUE_OPERATIONS))
def test_joinable_queue_operations_are_linearizable(target, program):
    """The same holds for the JoinableQueue proxy: its history, drain included, is that of one
    FIFO queue.

    Docs: multiprocessing — Managers (SyncManager: JoinableQueue is registered beside Queue);
    queue — Queue objects.
    Promises: MGR-4, MGR-22.
    """
    histories = run_recorders(target, lambda manager: manager.JoinableQueue(), program,
                              drain=True)
    expect_linearizable(histories, FifoQueue(), "a JoinableQueue proxy", target.deadline)


@st.composite
def join_programs(draw):
    """Consumers, each finishing 1–4 items (each taking a few ms), of a Queue or JoinableQueue."""
    consumers = draw(process_counts(1, 3))
    work = st.lists(st.sampled_from([0.002, 0.005, 0.01]), min_size=1, max_size=4).map(tuple)
    return {"kind": draw(st.sampled_from(["Queue", "JoinableQueue"])),
            "consumers": tuple((c, draw(work)) for c in range(consumers))}


@invariant(program=join_programs())
def test_join_waits_until_every_item_is_done(target, program):
    """``join()`` on a Queue or JoinableQueue proxy returns only once ``task_done()`` has been
    called for every item put, and the consumers take every item exactly once.

    Docs: queue — Queue objects (join: "Blocks until all items in the queue have been gotten and
    processed"); multiprocessing — Managers (SyncManager.Queue, JoinableQueue).
    Promises: MGR-21, MGR-22.
    """
    consumers = program["consumers"]
    items = sum(len(work) for _, work in consumers)
    with target.scenario() as s:
        board = s.board(actors.DONE + len(consumers))
        shared = getattr(s.manager(), program["kind"])()
        for item in range(items):
            shared.put(item)
        started = [s.start(actors.finish_tasks, shared, board, s.deadline, plan,
                           role=f"consumer {plan[0]}") for plan in consumers]
        started.append(s.start(actors.join_queue, shared, board, len(consumers), role="joiner"))
        *taken, finished = s.join(started, stuck_in=f"{program['kind']}.join or get")
    outcomes = Outcomes(
        unit=f"returns of {program['kind']}.join()",
        acceptable={"all-done": "every item was finished when join() returned"},
        forbidden={"early": "join() returned before task_done() was called for every item"},
    )
    outcomes.expect(finished == items, "early",
                    f"join() returned with {finished} of {items} items finished", "all-done")
    outcomes.verdict()
    got = sorted(item for items_taken in taken for item in items_taken)
    assert got == list(range(items)), f"consumers took {got}, expected each of 0..{items - 1} once"


def test_namespace_attributes_can_be_set_read_and_deleted(target):
    """Namespace attributes can be set, read (from other processes too) and deleted; a missing
    one raises AttributeError; ``str()`` shows the public attributes sorted by name.

    Docs: multiprocessing — Managers (Namespace objects: "A namespace object has no public
    methods, but does have writable attributes. Its representation shows the values of its
    attributes").
    Promises: MGR-15.
    """
    with target.scenario() as s:
        namespace = s.manager().Namespace(y="hello")
        namespace.x = 10
        namespace.a = [1]
        shown = str(namespace)
        seen_x, = s.run(actors.read_attribute, ["x"], role="reader", stuck_in="Namespace read",
                        extra_args=(namespace,))
        del namespace.x
        after_delete = actors.read_attribute(namespace, "x")
        seen_deleted, = s.run(actors.read_attribute, ["x"], role="reader",
                              stuck_in="Namespace read", extra_args=(namespace,))
        kept = namespace.y
    assert shown == "Namespace(a=[1], x=10, y='hello')", f"str(namespace) is {shown!r}"
    assert seen_x == ("value", 10), f"another process read x as {seen_x}"
    outcomes = Outcomes(
        unit="reads of a deleted attribute",
        acceptable={"missing": "raised AttributeError"},
        forbidden={"still-there": "returned a value or raised something else"},
    )
    for where, seen in (("this process", after_delete), ("another process", seen_deleted)):
        outcomes.expect(seen == ("raised", "AttributeError"), "still-there",
                        f"{where}: {seen}", "missing")
    outcomes.verdict()
    assert kept == "hello", f"deleting x changed y to {kept!r}"


def test_namespace_private_attributes_stay_in_the_proxy(target):
    """A Namespace attribute whose name starts with '_' belongs to the proxy: it is readable
    through that proxy, absent from ``str()``, and another process cannot see it.

    Docs: multiprocessing — Managers (Namespace objects: "when using a proxy for a namespace
    object, an attribute beginning with '_' will be an attribute of the proxy and not an
    attribute of the referent").
    Promises: MGR-16.
    """
    with target.scenario() as s:
        board = s.board(1)
        namespace = s.manager().Namespace()
        reader = s.start(actors.read_when_told, namespace, board, ["public", "_private"],
                         s.deadline, role="reader")
        namespace.public = 1
        namespace._private = 2
        own = namespace._private
        shown = str(namespace)
        board[actors.TOLD] = 1
        (public, private), = s.join([reader], stuck_in="Namespace read")
    assert own == 2, f"the proxy's own _private reads {own!r}"
    assert shown == "Namespace(public=1)", f"str(namespace) is {shown!r}"
    assert public == ("value", 1), f"another process read public as {public}"
    assert private == ("raised", "AttributeError"), \
        f"another process read _private through its proxy: {private}"


def test_value_proxy_reads_and_writes_its_value(target):
    """A Value proxy starts with the value given, ``.value`` and ``get()``/``set()`` read and
    write the same value (in every process); unlike ``ctx.Value`` it neither checks the
    typecode nor has ``get_lock()``.

    Docs: multiprocessing — Managers (SyncManager.Value); the typecode and lock behaviour is
    CPython's (the referent is ``managers.Value``, which only stores the value).
    Promises: MGR-17.
    """
    with target.scenario() as s:
        value = s.manager().Value("i", 7)
        reads = [value.value, value.get()]
        value.set(8)
        reads.append(value.value)
        value.value = 9
        reads.append(value.get())
        seen, = s.run(actors.read_attribute, ["value"], role="reader", stuck_in="Value read",
                      extra_args=(value,))
        value.value = "text"
        unchecked = value.value
        expect_raises(AttributeError, lambda: value.get_lock(), "get_lock() on a Value proxy")
    assert reads == [7, 7, 8, 9], f"reads after 7, set(8), .value = 9: {reads}"
    assert seen == ("value", 9), f"another process read {seen}"
    assert unchecked == "text", f"after .value = 'text' the value reads {unchecked!r}"


def test_array_proxy_is_a_shared_array(target):
    """An Array proxy has ``len()``, indexing, item assignment and iteration; a slice is an
    ``array.array`` copy; an element of the wrong type raises TypeError; it has no
    ``get_lock()``.

    Docs: multiprocessing — Managers (SyncManager.Array: "Create an array and return a proxy for
    it"); the referent is an ``array.array`` (CPython).
    Promises: MGR-18.
    """
    import array

    with target.scenario() as s:
        shared = s.manager().Array("i", [1, 2, 3])
        length, item = len(shared), shared[1]
        piece = shared[0:2]
        shared[0] = 5
        items = list(shared)
        expect_raises(TypeError, lambda: shared.__setitem__(1, "x"),
                      "assigning a str to an Array('i') element")
        expect_raises(AttributeError, lambda: shared.get_lock(), "get_lock() on an Array proxy")
        after = list(shared)
    assert (length, item) == (3, 2), f"len {length}, [1] {item}; expected 3, 2"
    assert isinstance(piece, array.array) and list(piece) == [1, 2], \
        f"slice [0:2] is {piece!r}; expected array('i', [1, 2])"
    assert items == [5, 2, 3], f"after [0] = 5 iteration gives {items}"
    assert after == [5, 2, 3], f"the refused assignment changed the array to {after}"


GET_PUT_TIMEOUT = 0.05


def test_queue_proxy_raises_full_and_empty(target):
    """A Queue proxy with maxsize raises ``queue.Full`` when full and ``queue.Empty`` when
    empty, for non-blocking calls at once and for timed calls no earlier than the timeout.

    Docs: multiprocessing — Managers (SyncManager.Queue); queue — Queue objects (put, get).
    Promises: MGR-19.
    """
    with target.scenario() as s:
        shared = s.manager().Queue(2)
        shared.put(1)
        shared.put(2)
        expect_raises(queue.Full, lambda: shared.put_nowait(3), "put_nowait on a full Queue")
        started = time.monotonic()
        expect_raises(queue.Full, lambda: shared.put(3, timeout=GET_PUT_TIMEOUT),
                      f"put(timeout={GET_PUT_TIMEOUT}) on a full Queue")
        waited_put = time.monotonic() - started
        got = [shared.get_nowait(), shared.get(False)]
        expect_raises(queue.Empty, shared.get_nowait, "get_nowait on an empty Queue")
        started = time.monotonic()
        expect_raises(queue.Empty, lambda: shared.get(timeout=GET_PUT_TIMEOUT),
                      f"get(timeout={GET_PUT_TIMEOUT}) on an empty Queue")
        waited_get = time.monotonic() - started
    assert got == [1, 2], f"got {got} back from a Queue given 1, 2"
    never_early(waited_put, GET_PUT_TIMEOUT, "put(timeout) on a full Queue proxy")
    never_early(waited_get, GET_PUT_TIMEOUT, "get(timeout) on an empty Queue proxy")


def test_queue_proxy_put_completes_in_the_server(target):
    """``put()`` on a Queue proxy has happened once it returns: ``empty()`` is False and
    ``qsize()`` counts it at once, and an unpicklable item raises from ``put()`` itself.

    Docs: multiprocessing — Managers (SyncManager.Queue: a proxy to a ``queue.Queue``); Proxy
    Objects (a method call is forwarded and its result returned).
    Promises: MGR-20.
    """
    with target.scenario() as s:
        shared = s.manager().Queue()
        shared.put("item")
        empty, size = shared.empty(), shared.qsize()
        expect_raises(Refused, lambda: shared.put(Unpicklable()),
                      "put() of an unpicklable item")
        size_after = shared.qsize()
    assert (empty, size) == (False, 1), f"right after put(): empty() {empty}, qsize() {size}"
    assert size_after == 1, f"qsize() is {size_after} after the refused put"


def test_task_done_called_too_often_raises_value_error(target):
    """``task_done()`` on a Queue or JoinableQueue proxy raises ValueError when called more
    times than items were taken.

    Docs: queue — Queue objects (task_done: "Raises a ValueError if called more times than
    there were items placed in the queue").
    Promises: MGR-21, MGR-22.
    """
    with target.scenario() as s:
        manager = s.manager()
        for kind in ("Queue", "JoinableQueue"):
            shared = getattr(manager, kind)()
            shared.put(1)
            shared.get()
            shared.task_done()
            expect_raises(ValueError, shared.task_done, f"a second task_done() on a {kind}")


def test_queue_proxy_shutdown(target):
    """Where ``queue.Queue`` has ``shutdown()`` (3.13+), so has the Queue proxy, and after it
    ``put()`` raises ``queue.ShutDown``; before 3.13 the proxy has no ``shutdown``.

    Docs: queue — Queue objects (shutdown, added in 3.13); multiprocessing — Managers
    (SyncManager.Queue is a proxy to a ``queue.Queue``).
    Promises: MGR-21.
    """
    with target.scenario() as s:
        shared = s.manager().Queue()
        if not hasattr(queue.Queue, "shutdown"):
            expect_raises(AttributeError, lambda: shared.shutdown,
                          "Queue proxy .shutdown before Python 3.13")
            return
        shared.put(1)
        shared.shutdown()
        expect_raises(queue.ShutDown, lambda: shared.put(2), "put() after shutdown()")
        got = shared.get_nowait()
        expect_raises(queue.ShutDown, shared.get_nowait, "get_nowait() on an empty shut-down "
                                                         "queue")
    assert got == 1, f"get after shutdown() gave {got!r}; expected the item put before"


# Each shared type a Manager offers: (typeid, arguments, one basic operation, its result).
SHARED_TYPES = [
    ("list", ([1],), lambda p: (p.append(2), p[:])[1], [1, 2]),
    ("dict", (), lambda p: (p.__setitem__("a", 1), p["a"])[1], 1),
    ("Namespace", (), lambda p: (setattr(p, "x", 1), p.x)[1], 1),
    ("Lock", (), lambda p: (p.acquire(False), p.release())[0], True),
    ("RLock", (), lambda p: (p.acquire(), p.acquire(False), p.release(), p.release())[1], True),
    ("Semaphore", (2,), lambda p: (p.acquire(False), p.acquire(False), p.acquire(False)),
     (True, True, False)),
    ("BoundedSemaphore", (1,), lambda p: (p.acquire(False), p.release())[0], True),
    ("Condition", (), lambda p: (p.acquire(), p.notify_all(), p.release())[0], True),
    ("Event", (), lambda p: (p.set(), p.is_set())[1], True),
    ("Barrier", (1,), lambda p: p.wait(), 0),
    ("Queue", (), lambda p: (p.put("item"), p.get(timeout=5))[1], "item"),
    ("Value", ("i", 3), lambda p: p.value, 3),
    ("Array", ("i", [1, 2]), lambda p: (p.__setitem__(0, 5), len(p), p[0])[1:], (2, 5)),
]


def test_a_manager_offers_every_shared_type(target):
    """A Manager offers list, dict, Namespace, Lock, RLock, Semaphore, BoundedSemaphore,
    Condition, Event, Barrier, Queue, Value and Array, each returning a proxy whose basic
    operation works.

    Docs: multiprocessing — Sharing state between processes (Server process: "A manager
    returned by Manager() will support types list, dict, Namespace, Lock, RLock, Semaphore,
    BoundedSemaphore, Condition, Event, Barrier, Queue, Value and Array"); Managers
    (SyncManager).
    Promises: MGR-42.
    """
    from conformance.test_proxies import module_of

    broken = []
    with target.scenario() as s:
        manager = s.manager()
        base_proxy = module_of(manager, "BaseProxy")
        for typeid, args, operate, expected in SHARED_TYPES:
            try:
                proxy = getattr(manager, typeid)(*args)
                result = operate(proxy)
            except Exception as error:
                broken.append(f"{typeid}: raised {type(error).__name__}: {error}")
                continue
            if not isinstance(proxy, base_proxy):
                broken.append(f"{typeid}: returned {type(proxy).__name__}, not a proxy")
            elif result != expected:
                broken.append(f"{typeid}: its basic operation gave {result!r}, not {expected!r}")
    assert not broken, "Manager shared types that do not work: " + "; ".join(broken)


def test_a_child_exits_with_its_large_item_unconsumed_in_a_manager_queue(target):
    """A child that put a large item (1 MB) into a manager Queue exits with code 0 although
    nobody has taken the item, which is then in the queue, intact.

    Docs: multiprocessing — Pipes and Queues (warning: a process that put items in a queue waits
    before terminating until they are flushed; "a queue created using a manager does not have
    this issue"); Programming guidelines (Joining processes that use queues).
    Promises: Q-22.
    """
    from conformance.actors import queue as queue_actors

    size = 1 << 20
    with target.scenario() as s:
        board = s.board(1)
        shared = s.manager().Queue()
        putter = s.start(queue_actors.put_large, shared, board, size, False, role="putter")
        s.join([putter], stuck_in="process exit after putting a large item into a manager "
                                  "Queue nobody reads")
        got = queue_actors.get_large(shared, s.deadline)
    assert putter.process.exitcode == 0, f"the putter exited with {putter.process.exitcode}"
    assert got == (size, True), f"the item left in the manager Queue: {got}; expected " \
                                f"({size}, True)"
