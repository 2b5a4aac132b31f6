"""Manager containers: list, Namespace, Value, Array, Queue and JoinableQueue proxies behave as
one shared object, every operation taking effect at one instant while it is in progress; the
other shared types a Manager offers, its Pool included, work.

Docs: multiprocessing — Managers (SyncManager.list, Namespace, Value, Array, Queue); Sharing
state between processes — Server process; Proxy Objects.

The linearizability invariants run several processes, started together, through a drawn mix of
operations on one proxy; each records its history (``conformance.history``), and the parent
checks the merged histories against a sequential model (``conformance.judge.linearizability``).
Written values are unique, so every read is attributable.
"""

import array
import queue
import time

from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import managers as actors
from conformance.harness.bookkeeping import managers_attribute
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.linearizability import (
    AppendList,
    FifoQueue,
    KeyValueMap,
    Register,
    expect_linearizable,
)
from conformance.judge.timing import never_early
from conformance.specimens import Refused, Unpicklable
from conformance.strategies import (
    QUEUE_OPERATIONS,
    operation_program,
    operation_programs,
    process_counts,
    sized,
)

LIST_OPERATIONS = ("append", "append", "slice", "len")
ARRAY_OPERATIONS = ("setitem", "getitem")
ARRAY_LENGTH = 3
ARRAY_INDICES = tuple(range(ARRAY_LENGTH))
GET_PUT_TIMEOUT = 0.05
LARGE_ITEM = 1 << 20  # bytes: far beyond any pipe buffer

JOINED = OutcomeTable(
    unit="returns of join() and items taken",
    acceptable={"all-done": "every item was finished when join() returned",
                "taken-once": "the consumers took every item put exactly once"},
    forbidden={"early": "join() returned before task_done() was called for every item",
               "lost-or-duplicated": "the consumers took some item twice, or not at all"},
)

NAMESPACE = OutcomeTable(
    unit="Namespace observations",
    acceptable={"as-documented": "what was set, deleted and shown, as the docs describe"},
    forbidden={"shown-otherwise": "str() shows other attributes, or unsorted",
               "unseen": "another process read another value of a public attribute",
               "still-there": "a deleted attribute still reads as a value",
               "neighbour-changed": "deleting one attribute changed another"},
)

PRIVATE = OutcomeTable(
    unit="observations of '_' attributes",
    acceptable={"kept-private": "the '_' attribute stayed the proxy's own"},
    forbidden={"own-lost": "the proxy's own '_' attribute does not read back",
               "shown": "str() shows a '_' attribute",
               "public-unseen": "another process did not see a public attribute",
               "shared": "another process read the '_' attribute through its own proxy"},
)

VALUE = OutcomeTable(
    unit="reads of a Value proxy",
    acceptable={"as-written": "read what was last written"},
    forbidden={"misread": "a read in the writing process gave another value",
               "unseen": "another process read another value"},
)

ARRAY = OutcomeTable(
    unit="observations of an Array proxy",
    acceptable={"as-documented": "as a shared array.array of the typecode"},
    forbidden={"misread": "len(), indexing or iteration gave other values",
               "slice-not-array": "a slice is not an array.array copy",
               "refused-write-kept": "an assignment refused with TypeError changed the array"},
)

QUEUE_ORDER = OutcomeTable(
    unit="items got from a Queue proxy",
    acceptable={"in-order": "got back what was put, in order"},
    forbidden={"otherwise": "got other items, or in another order"},
)

SYNCHRONOUS_PUT = OutcomeTable(
    unit="looks at a Queue proxy right after put()",
    acceptable={"there": "the item (and only that) was in the queue at once"},
    forbidden={"not-yet-there": "empty() or qsize() did not count the item right after put()",
               "refused-counted": "a put() that raised left something in the queue"},
)

SHARED_TYPES_WORK = OutcomeTable(
    unit="shared types of a Manager",
    acceptable={"works": "returned a proxy whose basic operation worked"},
    forbidden={"unusable": "creating it or its basic operation raised",
               "not-a-proxy": "returned something other than a proxy",
               "misbehaved": "its basic operation gave another result"},
)

LARGE_ITEM_LEFT = OutcomeTable(
    unit="putters of a large item into a manager Queue",
    acceptable={"clean": "exited with code 0, the item intact in the queue"},
    forbidden={"exit-failed": "the putter exited with a non-zero code",
               "item-missing": "the item was not in the queue once the putter had exited",
               "item-damaged": "the item in the queue is not the one put"},
)

POOL_RESULTS = OutcomeTable(
    unit="results of a manager Pool's calls",
    acceptable={"as-computed": "the tasks' results, in input order"},
    forbidden={"wrong-results": "other results, or in another order"},
)


def run_recorders(target, make, program, drain=False):
    """Each plan's ops from its own process on ``make(manager)``; return the histories.  With
    ``drain`` the parent then empties the queue, recording that too."""
    with target.scenario() as s:
        shared = make(s.kept_manager())
        histories = s.run(actors.record, program, role="recorder", stuck_in="a proxy call",
                          extra_args=(shared, s.board(len(program)), s.deadline))
        if drain:
            puts = sum(how == "put" for _, ops in program for how, _, _, _ in ops)
            with judged("get_nowait() draining the queue"):
                histories.append(actors.drain(shared, process=len(program), most=puts + 1))
    return histories


@invariant(program=operation_programs(LIST_OPERATIONS))
@example(program=operation_program(LIST_OPERATIONS))
def test_list_operations_are_linearizable(target, program):
    """Concurrent ``append``, slicing and ``len`` on one list proxy from several processes form
    a linearizable history of one list.

    Docs: multiprocessing — Managers (SyncManager.list); Proxy Objects ("a proxy ... forwards
    each method call to the referent").
    Promises: MGR-4, MGR-7.
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


@invariant(program=operation_programs(ARRAY_OPERATIONS, keys=ARRAY_INDICES))
@example(program=operation_program(ARRAY_OPERATIONS, ARRAY_INDICES))
def test_array_items_are_linearizable(target, program):
    """Concurrent item writes and reads on one Array proxy form, per index, a linearizable
    history of one register.

    Docs: multiprocessing — Managers (SyncManager.Array).
    Promises: MGR-4, MGR-18.
    """
    histories = run_recorders(target, lambda manager: manager.Array("i", [0] * ARRAY_LENGTH),
                              program)
    expect_linearizable(histories, KeyValueMap(0), "an Array proxy", target.deadline)


@invariant(program=operation_programs(QUEUE_OPERATIONS))
@example(program=operation_program(QUEUE_OPERATIONS))
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
@example(program=operation_program(QUEUE_OPERATIONS))
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
    """Consumers, each finishing some items (each taking a few ms), of a Queue or
    JoinableQueue."""
    consumers = draw(process_counts(1, 4))
    plans = []
    for consumer in range(consumers):
        items = draw(sized(1, 4))
        plans.append((consumer, tuple(draw(st.lists(st.sampled_from([0.002, 0.005, 0.01]),
                                                     min_size=items, max_size=items)))))
    return {"kind": draw(st.sampled_from(["Queue", "JoinableQueue"])), "consumers": tuple(plans)}


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
        shared = getattr(s.kept_manager(), program["kind"])()
        with judged(f"put() into a {program['kind']}"):
            for item in range(items):
                shared.put(item)
        started = [s.start(actors.finish_tasks, shared, board, s.deadline, plan,
                           role=f"consumer {plan[0]}") for plan in consumers]
        started.append(s.start(actors.join_queue, shared, board, len(consumers), role="joiner"))
        *taken, finished = s.join(started, stuck_in=f"{program['kind']}.join or get")
    outcomes = JOINED.counter()
    outcomes.expect(finished == items, "early",
                    f"join() returned with {finished} of {items} items finished", "all-done")
    got = sorted(item for items_taken in taken for item in items_taken)
    outcomes.expect(got == list(range(items)), "lost-or-duplicated",
                    f"consumers took {got}, expected each of 0..{items - 1} once", "taken-once")
    outcomes.verdict()


def test_namespace_attributes_can_be_set_read_and_deleted(target):
    """Namespace attributes can be set, read (from other processes too) and deleted; a missing
    one raises AttributeError; ``str()`` shows the public attributes sorted by name.

    Docs: multiprocessing — Managers (Namespace objects: "A namespace object has no public
    methods, but does have writable attributes. Its representation shows the values of its
    attributes").
    Promises: MGR-15.
    """
    with target.scenario() as s:
        namespace = s.kept_manager().Namespace(y="hello")
        with judged("setting Namespace attributes"):
            namespace.x = 10
            namespace.a = [1]
        shown = str(namespace)
        seen_x, = s.run(actors.read_attribute, ["x"], role="reader", stuck_in="Namespace read",
                        extra_args=(namespace,))
        with judged("del namespace.x"):
            del namespace.x
        after_delete = actors.read_attribute(namespace, "x")
        seen_deleted, = s.run(actors.read_attribute, ["x"], role="reader",
                              stuck_in="Namespace read", extra_args=(namespace,))
        kept = actors.read_attribute(namespace, "y")
    outcomes = NAMESPACE.counter()
    outcomes.expect(shown == "Namespace(a=[1], x=10, y='hello')", "shown-otherwise",
                    f"str(namespace) is {shown!r}", "as-documented")
    outcomes.expect(seen_x == ("value", 10), "unseen", f"another process read x as {seen_x}",
                    "as-documented")
    for where, seen in (("this process", after_delete), ("another process", seen_deleted)):
        outcomes.expect(seen == ("raised", "AttributeError"), "still-there",
                        f"{where} read the deleted x as {seen}", "as-documented")
    outcomes.expect(kept == ("value", "hello"), "neighbour-changed",
                    f"after del namespace.x, y reads {kept}", "as-documented")
    outcomes.verdict()


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
        namespace = s.kept_manager().Namespace()
        reader = s.start(actors.read_when_told, namespace, board, ["public", "_private"],
                         s.deadline, role="reader")
        with judged("setting a public and a '_' attribute"):
            namespace.public = 1
            namespace._private = 2
        own = actors.read_attribute(namespace, "_private")
        shown = str(namespace)
        board[actors.TOLD] = 1
        (public, private), = s.join([reader], stuck_in="Namespace read")
    outcomes = PRIVATE.counter()
    outcomes.expect(own == ("value", 2), "own-lost", f"the proxy's own _private reads {own}",
                    "kept-private")
    outcomes.expect("_private" not in shown, "shown", f"str(namespace) is {shown!r}",
                    "kept-private")
    outcomes.expect(public == ("value", 1), "public-unseen",
                    f"another process read public as {public}", "kept-private")
    outcomes.expect(private == ("raised", "AttributeError"), "shared",
                    f"another process read _private through its proxy: {private}",
                    "kept-private")
    outcomes.verdict()


def test_value_proxy_reads_and_writes_its_value(target):
    """A Value proxy starts with the value given, ``.value`` and ``get()``/``set()`` read and
    write the same value (in every process); unlike ``ctx.Value`` it neither checks the
    typecode nor has ``get_lock()``.

    Docs: multiprocessing — Managers (SyncManager.Value); the typecode and lock behaviour is
    CPython's (the referent is ``managers.Value``, which only stores the value).
    Promises: MGR-17.
    """
    with target.scenario() as s:
        value = s.kept_manager().Value("i", 7)
        with judged("reads and writes of a Value proxy"):
            reads = [("initial .value", value.value, 7), ("initial get()", value.get(), 7)]
            value.set(8)
            reads.append(("after set(8): .value", value.value, 8))
            value.value = 9
            reads.append(("after .value = 9: get()", value.get(), 9))
        seen, = s.run(actors.read_attribute, ["value"], role="reader", stuck_in="Value read",
                      extra_args=(value,))
        with judged(".value = 'text' on a Value('i') proxy"):
            value.value = "text"
            reads.append(("after .value = 'text'", value.value, "text"))
        expect_raises(AttributeError, lambda: value.get_lock(), "get_lock() on a Value proxy")
    outcomes = VALUE.counter()
    for what, got, wanted in reads:
        outcomes.expect(got == wanted, "misread", f"{what} read {got!r}", "as-written")
    outcomes.expect(seen == ("value", 9), "unseen", f"another process read {seen}", "as-written")
    outcomes.verdict()


def test_array_proxy_is_a_shared_array(target):
    """An Array proxy has ``len()``, indexing, item assignment and iteration; a slice is an
    ``array.array`` copy; an element of the wrong type raises TypeError; it has no
    ``get_lock()``.

    Docs: multiprocessing — Managers (SyncManager.Array: "Create an array and return a proxy for
    it"); the referent is an ``array.array`` (CPython).
    Promises: MGR-18.
    """
    with target.scenario() as s:
        shared = s.kept_manager().Array("i", [1, 2, 3])
        with judged("len(), indexing, slicing, assignment and iteration of an Array proxy"):
            length, item = len(shared), shared[1]
            piece = shared[0:2]
            shared[0] = 5
            items = list(shared)
        expect_raises(TypeError, lambda: shared.__setitem__(1, "x"),
                      "assigning a str to an Array('i') element")
        expect_raises(AttributeError, lambda: shared.get_lock(), "get_lock() on an Array proxy")
        with judged("iterating an Array proxy"):
            after = list(shared)
    outcomes = ARRAY.counter()
    outcomes.expect((length, item, items) == (3, 2, [5, 2, 3]), "misread",
                    f"len {length}, [1] {item}, after [0] = 5 iteration gives {items}; expected "
                    f"3, 2, [5, 2, 3]", "as-documented")
    outcomes.expect(isinstance(piece, array.array) and list(piece) == [1, 2], "slice-not-array",
                    f"slice [0:2] is {piece!r}; expected array('i', [1, 2])", "as-documented")
    outcomes.expect(after == [5, 2, 3], "refused-write-kept",
                    f"the refused assignment changed the array to {after}", "as-documented")
    outcomes.verdict()


def test_queue_proxy_raises_full_and_empty(target):
    """A Queue proxy with maxsize raises ``queue.Full`` when full and ``queue.Empty`` when
    empty, for non-blocking calls at once and for timed calls no earlier than the timeout.

    Docs: multiprocessing — Managers (SyncManager.Queue); queue — Queue objects (put, get).
    Promises: MGR-19.
    """
    with target.scenario() as s:
        shared = s.kept_manager().Queue(2)
        with judged("put() into a Queue(2) with room"):
            shared.put(1)
            shared.put(2)
        expect_raises(queue.Full, lambda: shared.put_nowait(3), "put_nowait on a full Queue")
        started = time.monotonic()
        expect_raises(queue.Full, lambda: shared.put(3, timeout=GET_PUT_TIMEOUT),
                      f"put(timeout={GET_PUT_TIMEOUT}) on a full Queue")
        waited_put = time.monotonic() - started
        with judged("get_nowait() and get(False) of a full Queue"):
            got = [shared.get_nowait(), shared.get(False)]
        expect_raises(queue.Empty, shared.get_nowait, "get_nowait on an empty Queue")
        started = time.monotonic()
        expect_raises(queue.Empty, lambda: shared.get(timeout=GET_PUT_TIMEOUT),
                      f"get(timeout={GET_PUT_TIMEOUT}) on an empty Queue")
        waited_get = time.monotonic() - started
    outcomes = QUEUE_ORDER.counter()
    outcomes.expect(got == [1, 2], "otherwise", f"got {got} back from a Queue given 1, 2",
                    "in-order")
    outcomes.verdict()
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
        shared = s.kept_manager().Queue()
        with judged("put(), empty() and qsize() of a Queue proxy"):
            shared.put("item")
            empty, size = shared.empty(), shared.qsize()
        expect_raises(Refused, lambda: shared.put(Unpicklable()),
                      "put() of an unpicklable item")
        with judged("qsize() of a Queue proxy"):
            size_after = shared.qsize()
    outcomes = SYNCHRONOUS_PUT.counter()
    outcomes.expect((empty, size) == (False, 1), "not-yet-there",
                    f"right after put(): empty() {empty}, qsize() {size}", "there")
    outcomes.expect(size_after == 1, "refused-counted",
                    f"qsize() is {size_after} after the refused put", "there")
    outcomes.verdict()


def test_task_done_called_too_often_raises_value_error(target):
    """``task_done()`` on a Queue or JoinableQueue proxy raises ValueError when called more
    times than items were taken.

    Docs: queue — Queue objects (task_done: "Raises a ValueError if called more times than
    there were items placed in the queue").
    Promises: MGR-21, MGR-22.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
        for kind in ("Queue", "JoinableQueue"):
            shared = getattr(manager, kind)()
            with judged(f"put(), get() and one task_done() on a {kind}"):
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
        shared = s.kept_manager().Queue()
        if not hasattr(queue.Queue, "shutdown"):  # the documented boundary: added in 3.13
            expect_raises(AttributeError, lambda: shared.shutdown,
                          "Queue proxy .shutdown before Python 3.13")
            return
        with judged("put() then shutdown()"):
            shared.put(1)
            shared.shutdown()
        expect_raises(queue.ShutDown, lambda: shared.put(2), "put() after shutdown()")
        with judged("get_nowait() of an item put before shutdown()"):
            got = shared.get_nowait()
        expect_raises(queue.ShutDown, shared.get_nowait, "get_nowait() on an empty shut-down "
                                                         "queue")
    outcomes = QUEUE_ORDER.counter()
    outcomes.expect(got == 1, "otherwise", f"get after shutdown() gave {got!r}; expected the "
                                           f"item put before", "in-order")
    outcomes.verdict()


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
    outcomes = SHARED_TYPES_WORK.counter()
    with target.scenario() as s:
        manager = s.kept_manager()
        base_proxy = managers_attribute(manager, "BaseProxy", "tell a proxy from a plain value")
        for typeid, args, operate, expected in SHARED_TYPES:
            try:  # what creating or using the shared type raises is the evidence
                proxy = getattr(manager, typeid)(*args)
                result = operate(proxy)
            except Exception as error:
                outcomes.observe("unusable", f"{typeid}: raised {type(error).__name__}: {error}")
                continue
            if not isinstance(proxy, base_proxy):
                outcomes.observe("not-a-proxy", f"{typeid}: returned {type(proxy).__name__}")
            else:
                outcomes.expect(result == expected, "misbehaved",
                                f"{typeid}: its basic operation gave {result!r}, not "
                                f"{expected!r}", "works")
    outcomes.verdict()


def test_a_manager_pool_runs_tasks_in_its_workers(target):
    """A Manager's ``Pool(n)`` proxy runs tasks in its worker processes: ``map``, ``imap`` and
    ``apply`` return the tasks' results in input order (``imap`` also when a later task finishes
    first), ``apply_async(...).get(t)`` raises ``multiprocessing.TimeoutError`` while the task
    runs, ``get()`` re-raises a task's exception, and leaving ``with`` terminates the pool.

    Docs: multiprocessing — Managers (SyncManager registers Pool, undocumented; CPython's
    PoolProxy); Process Pools (Pool.map, imap, apply, apply_async; AsyncResult.get: "If the
    remote call raised an exception then that exception will be reraised by get()"; Pool:
    "__exit__() calls terminate()").
    Promises: MGR-33.
    """
    numbers = list(range(8))
    with target.scenario() as s:
        board = s.board(2)
        pool = s.manager().Pool(2)
        with judged("map(), imap() and apply() on a Pool proxy"):
            results = {
                "map": pool.map(actors.square, numbers),
                "imap": list(pool.imap(actors.first_finishes_last,
                                       [(board, index, 3, s.deadline) for index in range(3)])),
                "apply": pool.apply(actors.square, (7,))}
            waiting = pool.apply_async(actors.finish_when_released, (board, s.deadline, "done"))
        expect_raises(target.ctx.TimeoutError, lambda: waiting.get(timeout=GET_PUT_TIMEOUT),
                      f"AsyncResult.get(timeout={GET_PUT_TIMEOUT}) of a task still running")
        board[actors.RELEASE] = 1
        with judged("AsyncResult.get() of a finished task"):
            results["apply_async"] = waiting.get(timeout=s.deadline)
        failing = pool.apply_async(actors.fail, ("raised by a task",))
        expect_raises(ValueError, lambda: failing.get(timeout=s.deadline),
                      "AsyncResult.get() of a task that raised ValueError")
        with judged("with pool: (entering and leaving)"):
            with pool:
                pass
        expect_raises(ValueError, lambda: pool.map(actors.square, numbers),
                      "map() on a Pool proxy after its with block (terminated)")
    expected = {"map": [number * number for number in numbers], "imap": [0, 1, 2], "apply": 49,
                "apply_async": "done"}
    outcomes = POOL_RESULTS.counter()
    for call, wanted in expected.items():
        outcomes.expect(results[call] == wanted, "wrong-results",
                        f"{call} gave {results[call]!r}; expected {wanted!r}", "as-computed")
    outcomes.verdict()


def test_a_child_exits_with_its_large_item_unconsumed_in_a_manager_queue(target):
    """A child that put a large item (1 MB) into a manager Queue exits with code 0 although
    nobody has taken the item, which is then in the queue, intact (``put()`` completed in the
    server before it returned).

    Docs: multiprocessing — Pipes and Queues (warning: a process that put items in a queue waits
    before terminating until they are flushed; "a queue created using a manager does not have
    this issue"); Programming guidelines (Joining processes that use queues); Managers
    (SyncManager.Queue).
    Promises: Q-22, MGR-20.
    """
    with target.scenario() as s:
        shared = s.kept_manager().Queue()
        putter = s.start(actors.put_large_item, shared, LARGE_ITEM, role="putter")
        s.join([putter], stuck_in="process exit after putting a large item into a manager "
                                  "Queue nobody reads")
        try:
            got = shared.get_nowait()
        except queue.Empty:
            got = None
    outcomes = LARGE_ITEM_LEFT.counter()
    outcomes.expect(putter.process.exitcode == 0, "exit-failed",
                    f"the putter exited with {putter.process.exitcode}", "clean")
    if got is None:
        outcomes.observe("item-missing", "get_nowait() raised queue.Empty after the putter "
                                         "exited")
    else:
        outcomes.expect(got == actors.large_item(LARGE_ITEM), "item-damaged",
                        f"the item is a {type(got).__name__} of "
                        f"{len(got) if isinstance(got, bytes) else '?'} bytes", "clean")
    outcomes.verdict()
