"""Shared ctypes objects: Value, Array, RawValue, RawArray and the sharedctypes module.

Docs: multiprocessing — Shared ctypes Objects; The multiprocessing.sharedctypes module;
Sharing state between processes (Shared memory).

Native provider only: shared ctypes objects are not manager features (a Manager's ``Value`` and
``Array`` are proxies with different semantics).  Every read an invariant judges is collected
inside a ``judged(...)`` block (an exception there is the implementation's failure) and judged
afterwards against the invariant's outcome table.
"""

import ctypes
import sys
import threading

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import shared_ctypes as actors
from conformance.harness.probe import takes
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged
from conformance.strategies import delay_lists, delays, process_counts, sized

INT32 = st.integers(-2**31, 2**31 - 1)
NONZERO_INT32 = st.one_of(st.integers(1, 2**31 - 1), st.integers(-2**31, -1))
FINITE = st.floats(allow_nan=False, allow_infinity=False)
NUL_FREE = st.binary(max_size=16).map(lambda data: data.replace(b"\0", b""))

# Scalar typecodes (array-module style) with values their ctypes type stores exactly, and the
# zero a Value created without arguments holds.
SCALARS = {
    "b": (st.integers(-128, 127), 0),
    "i": (INT32, 0),
    "q": (st.integers(-2**63, 2**63 - 1), 0),
    "d": (FINITE, 0.0),
    "c": (st.binary(min_size=1, max_size=1), b"\0"),
}
CTYPES_OF = {"b": ctypes.c_byte, "i": ctypes.c_int, "q": ctypes.c_longlong, "d": ctypes.c_double,
             "c": ctypes.c_char}


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_double)]


def lists_of(elements, low, high):
    """Lists of ``elements`` whose length is drawn with ``sized(low, high)``."""
    return sized(low, high).flatmap(
        lambda length: st.lists(elements, min_size=length, max_size=length))


# --- strategies -----------------------------------------------------------------------------

@st.composite
def increment_programs(draw):
    """Incrementers (at least two), each holding the lock once per delay."""
    workers = draw(process_counts(2, 5))
    return tuple(draw(sized(1, 20).flatmap(delay_lists)) for _ in range(workers))


@st.composite
def element_increment_programs(draw):
    """An Array length and incrementers (at least two), each with (element, delay) steps."""
    length = draw(sized(1, 8))
    steps = st.tuples(st.integers(0, length - 1), delays)
    workers = draw(process_counts(2, 5))
    return {"length": length,
            "plans": tuple(tuple(draw(lists_of(steps, 1, 20))) for _ in range(workers))}


@st.composite
def scalar_programs(draw):
    """A typecode, whether to name it by its ctypes type, an initial value and two later ones."""
    typecode = draw(st.sampled_from(sorted(SCALARS)))
    values, _ = SCALARS[typecode]
    return {"typecode": typecode, "by_type": draw(st.booleans()),
            "initial": draw(values), "written": draw(values), "underneath": draw(values)}


@st.composite
def slices(draw, length):
    bound = st.one_of(st.none(), st.integers(-length - 2, length + 2))
    return slice(draw(bound), draw(bound), draw(st.sampled_from([None, 1, 2, 3, -1, -2])))


@st.composite
def array_programs(draw):
    """An initial content, an index to write, out-of-range indices, a slice to read, a slice to
    write with a sequence of the right length and with one of a wrong length."""
    initial = draw(lists_of(INT32, 1, 12))
    length = len(initial)
    write_slice = draw(slices(length))
    right = len(range(*write_slice.indices(length)))
    wrong = right + draw(st.integers(-right, 3).filter(lambda delta: delta != 0))
    return {
        "initial": initial,
        "index": draw(st.integers(-length, length - 1)),
        "item": draw(INT32),
        "bad_index": draw(st.one_of(st.integers(length, length + 5),
                                    st.integers(-length - 5, -length - 1))),
        "read_slice": draw(slices(length)),
        "write_slice": write_slice,
        "right": draw(st.lists(INT32, min_size=right, max_size=right)),
        "wrong": draw(st.lists(INT32, min_size=wrong, max_size=wrong)),
    }


@st.composite
def char_array_programs(draw):
    size = draw(sized(1, 16))
    return {"size": size,
            "value": draw(NUL_FREE.map(lambda data: data[:size])),
            "raw": draw(st.binary(min_size=size, max_size=size)),
            "initializer": draw(NUL_FREE.filter(bool))}


@st.composite
def written_contents(draw):
    """What a child writes into a Value('i'), Array('i'), RawValue('d') and RawArray('b'): never
    the zeros they start with, so a write that stays in the child is seen."""
    length = draw(sized(1, 8))
    return {"value": draw(NONZERO_INT32),
            "array": tuple(draw(st.lists(NONZERO_INT32, min_size=length, max_size=length))),
            "raw_value": draw(FINITE.filter(bool)),
            "raw_array": tuple(draw(st.lists(st.integers(-128, 127).filter(bool),
                                             min_size=length, max_size=length)))}


# Explicit large examples: several hundred operations, at least 64 from one process.
MANY_INCREMENTS = tuple((0.0,) * 96 for _ in range(4))
MANY_ELEMENT_INCREMENTS = {
    "length": 16,
    "plans": tuple(tuple(((worker + step) % 16, 0.0) for step in range(96))
                   for worker in range(4)),
}
LARGE_CONTENTS = {"value": -7, "array": tuple(range(1, 513)), "raw_value": 0.5,
                  "raw_array": tuple((i % 127) + 1 for i in range(512))}
LARGE_ARRAY_PROGRAM = {
    "initial": list(range(-256, 256)), "index": -1, "item": 7, "bad_index": 512,
    "read_slice": slice(None, None, -3), "write_slice": slice(1, None, 2),
    "right": list(range(256)), "wrong": list(range(257)),
}
LARGE_CHAR_ARRAY = {"size": 4096, "value": b"v" * 3000, "raw": bytes(range(256)) * 16,
                    "initializer": b"i" * 700}
MANY_ITEMS = list(range(-300, 300))


# --- concurrency ----------------------------------------------------------------------------

INCREMENTS = OutcomeTable(
    unit="increments under the Value's lock, and the final value",
    acceptable={"alone": "no other incrementer held the lock meanwhile",
                "counted": "the final value counts every increment"},
    forbidden={"overlapped": "another incrementer was inside the lock at the same time",
               "lost-update": "the final value missed an increment"},
)


@invariant(program=increment_programs())
@example(program=MANY_INCREMENTS)
def test_locked_increments_are_never_lost(target, program):
    """Processes incrementing a Value under ``with v.get_lock()`` never hold its lock together,
    so N processes making k increments each leave exactly N·k.

    Docs: multiprocessing — Shared ctypes Objects (Value: "operations like += which involve a
    read and write are not atomic ... with counter.get_lock(): counter.value += 1").
    Promises: SHV-10, SHV-3.
    """
    workers = len(program)
    with target.scenario() as s:
        board = s.board(actors.INSIDE + workers)
        value = s.keep(target.ctx.Value("i", 0))
        overlaps = s.run(actors.locked_increments, list(enumerate(program)), role="incrementer",
                         stuck_in="Value.get_lock().acquire", extra_args=(value, board, workers))
        with judged("reading Value.value after the incrementers joined"):
            total = value.value
    outcomes = INCREMENTS.counter()
    for worker, (increments, seen) in enumerate(zip(program, overlaps)):
        overlapped = dict(seen)
        for increment in range(len(increments)):
            outcomes.expect(increment not in overlapped, "overlapped",
                            f"incrementer {worker} increment {increment} overlapped "
                            f"incrementers {overlapped.get(increment)}", "alone")
    expected = sum(len(increments) for increments in program)
    outcomes.expect(total == expected, "lost-update",
                    f"value {total} after {expected} increments", "counted")
    outcomes.verdict()


ELEMENT_INCREMENTS = OutcomeTable(
    unit="increments of Array elements under the Array's lock, and the final elements",
    acceptable={"alone": "no other incrementer held the lock meanwhile",
                "counted": "the element counts every increment made to it"},
    forbidden={"overlapped": "another incrementer was inside the lock at the same time",
               "lost-update": "an element missed an increment"},
)


@invariant(program=element_increment_programs())
@example(program=MANY_ELEMENT_INCREMENTS)
def test_locked_array_updates_are_never_lost(target, program):
    """Processes incrementing elements of an Array under ``with arr.get_lock()`` never hold its
    lock together, so every element ends as the number of increments made to it.

    Docs: multiprocessing — Shared ctypes Objects (Array: "If lock is True (the default) then a
    new lock object is created to synchronize access to the value"; the note on Value that
    operations which "involve a read and write are not atomic", with get_lock() as the remedy).
    Promises: SHV-3, SHV-8, SHV-14.
    """
    plans, length = program["plans"], program["length"]
    workers = len(plans)
    with target.scenario() as s:
        board = s.board(actors.INSIDE + workers)
        array = s.keep(target.ctx.Array("i", length))
        overlaps = s.run(actors.locked_element_increments, list(enumerate(plans)),
                         role="incrementer", stuck_in="Array.get_lock().acquire",
                         extra_args=(array, board, workers))
        with judged("reading the Array after the incrementers joined"):
            final = array[:]
    outcomes = ELEMENT_INCREMENTS.counter()
    for worker, (steps, seen) in enumerate(zip(plans, overlaps)):
        overlapped = dict(seen)
        for step in range(len(steps)):
            outcomes.expect(step not in overlapped, "overlapped",
                            f"incrementer {worker} step {step} overlapped incrementers "
                            f"{overlapped.get(step)}", "alone")
    for element in range(length):
        made = sum(target_element == element for steps in plans for target_element, _ in steps)
        outcomes.expect(final[element] == made, "lost-update",
                        f"element {element} reads {final[element]} after {made} increments",
                        "counted")
    outcomes.verdict()


WRITTEN_BY_CHILD = OutcomeTable(
    unit="shared objects written by a child",
    acceptable={"visible": "the parent read what the child wrote"},
    forbidden={"not-visible": "the parent read something else"},
)


@invariant(plan=written_contents())
@example(plan=LARGE_CONTENTS)
def test_child_writes_are_visible_after_join(target, plan):
    """What a child writes into a Value, Array, RawValue or RawArray passed to it as a Process
    argument is what the parent reads after joining it.

    Docs: multiprocessing — Sharing state between processes (Shared memory); The
    multiprocessing.sharedctypes module (RawValue, RawArray: "allocated from shared memory").
    Promises: SHV-11, RAW-3.
    """
    ctx, length = target.ctx, len(plan["array"])
    with target.scenario() as s:
        shared = {"value": s.keep(ctx.Value("i")), "array": s.keep(ctx.Array("i", length)),
                  "raw_value": s.keep(ctx.RawValue("d")),
                  "raw_array": s.keep(ctx.RawArray("b", length))}
        s.run(actors.write_shared, [plan], role="writer", stuck_in="writing shared ctypes",
              extra_args=tuple(shared.values()))
        with judged("reading the shared objects after the writer joined"):
            seen = {"value": shared["value"].value, "array": tuple(shared["array"][:]),
                    "raw_value": shared["raw_value"].value,
                    "raw_array": tuple(shared["raw_array"][:])}
    outcomes = WRITTEN_BY_CHILD.counter()
    for name, written in plan.items():
        outcomes.expect(seen[name] == written, "not-visible",
                        f"{name}: child wrote {shown(written)}, parent read {shown(seen[name])}",
                        "visible")
    outcomes.verdict()


def shown(contents):
    """A short rendering of possibly long contents for evidence."""
    text = repr(contents)
    return text if len(text) <= 120 else f"{text[:100]} ... ({len(contents)} items)"


# --- Value ----------------------------------------------------------------------------------

VALUE_ACCESS = OutcomeTable(
    unit="reads of Value wrappers and of their ctypes objects",
    acceptable={"as-written": "read what was last written, through the wrapper or get_obj()"},
    forbidden={"not-zeroed": "a Value made without a value does not read zero",
               "other-object": "get_obj() is not a ctypes object of the requested type",
               "misread": "read something other than what was last written, through either"},
)


@invariant(program=scalar_programs())
def test_value_reads_and_writes_its_shared_object(target, program):
    """``Value(typecode_or_type, *args)`` wraps a ctypes object built from ``*args`` (zero
    without them); ``.value`` reads and writes it, and ``get_obj()`` returns it.

    Docs: multiprocessing — Shared ctypes Objects (Value); The multiprocessing.sharedctypes
    module (synchronized: "get_obj() returns the wrapped object").
    Promises: SHV-1, SHV-2, SHV-8, SHV-18.
    """
    ctx, typecode = target.ctx, program["typecode"]
    kind = CTYPES_OF[typecode] if program["by_type"] else typecode
    _, zero = SCALARS[typecode]
    initial, written, underneath = program["initial"], program["written"], program["underneath"]
    outcomes = VALUE_ACCESS.counter()
    with judged(f"Value({kind!r}), Value({kind!r}, {initial!r}) and get_obj()"):
        empty = ctx.Value(kind).value
        value = ctx.Value(kind, initial)
        obj = value.get_obj()
    outcomes.expect(empty == zero, "not-zeroed", f"Value({kind!r}).value is {empty!r}",
                    "as-written")
    if not isinstance(obj, CTYPES_OF[typecode]):
        outcomes.observe("other-object", f"Value({kind!r}, ...).get_obj() is {obj!r}")
        outcomes.verdict()
    with judged(".value and get_obj().value reads and writes"):
        reads = [(f"made with {initial!r}", initial, value.value, obj.value)]
        value.value = written
        reads.append((f"after .value = {written!r}", written, value.value, obj.value))
        obj.value = underneath
        reads.append((f"after get_obj().value = {underneath!r}", underneath, value.value,
                      obj.value))
    with judged("Value(Point, 7, 2.5) and its fields"):
        point = ctx.Value(Point, 7, 2.5)
        reads.append(("Value(Point, 7, 2.5)", (7, 2.5), (point.x, point.y),
                      (point.get_obj().x, point.get_obj().y)))
        point.y = -1.0
        reads.append(("after point.y = -1.0", (7, -1.0), (point.x, point.y),
                      (point.get_obj().x, point.get_obj().y)))
    for moment, expected, through_wrapper, through_object in reads:
        outcomes.expect(through_wrapper == through_object == expected, "misread",
                        f"{moment}: the wrapper reads {through_wrapper!r}, get_obj() "
                        f"{through_object!r}", "as-written")
    outcomes.verdict()


# --- locks of the synchronized wrappers -----------------------------------------------------

def retakes(lock, deadline):
    """Whether the holder of ``lock`` gets it again with ``acquire(False)`` (a recursive lock);
    None if it could not take the lock at all.  Every level taken is released."""
    if not lock.acquire(timeout=deadline):
        return None
    try:
        return takes(lock, False)
    finally:
        lock.release()


def judge_recursive(outcomes, lock, what, deadline, acceptable):
    """Observe whether ``lock`` is a recursive lock its holder can take again."""
    again = retakes(lock, deadline)
    if again is None:
        outcomes.observe("unacquirable", f"{what}: acquire(timeout={deadline:g}) of a fresh "
                                         f"lock returned False")
    else:
        outcomes.expect(again, "not-recursive", f"{what}: the holder's acquire(False) was "
                                                f"refused", acceptable)


DEFAULT_LOCKS = OutcomeTable(
    unit="default locks of synchronized wrappers",
    acceptable={"own-recursive": "the same recursive lock on every call, no other wrapper's"},
    forbidden={"fresh-each-call": "a second get_lock() returned another object",
               "not-recursive": "its holder could not acquire it again",
               "unacquirable": "a fresh default lock could not be acquired",
               "shared": "another wrapper has the same lock"},
)


def test_default_lock_is_a_new_recursive_lock(target):
    """By default a Value's or Array's ``get_lock()`` is a recursive lock of its own (acquirable
    again by its holder), the same object on every call.

    Docs: multiprocessing — Shared ctypes Objects (Value and Array: "If lock is True (the
    default) then a new recursive lock object is created to synchronize access").
    Promises: SHV-3, SHV-8.
    """
    ctx = target.ctx
    with judged("Value and Array with the default lock, and get_lock()"):
        made = {"Value('i')": ctx.Value("i"), "Value('i', lock=True)": ctx.Value("i", lock=True),
                "Array('i', 2)": ctx.Array("i", 2),
                "Array('i', 2, lock=True)": ctx.Array("i", 2, lock=True)}
        locks = {name: (shared.get_lock(), shared.get_lock()) for name, shared in made.items()}
    outcomes = DEFAULT_LOCKS.counter()
    owners = {}
    for name, (lock, again) in locks.items():
        if again is not lock:
            outcomes.observe("fresh-each-call", f"{name}.get_lock() returned {lock!r}, then "
                                                f"{again!r}")
        elif id(lock) in owners:
            outcomes.observe("shared", f"{name} and {owners[id(lock)]} share {lock!r}")
        else:
            owners[id(lock)] = name
            judge_recursive(outcomes, lock, f"{name}.get_lock()", target.deadline,
                            "own-recursive")
    outcomes.verdict()


GIVEN_LOCKS = OutcomeTable(
    unit="wrappers made with a given lock",
    acceptable={"given": "get_lock() is the lock passed as lock="},
    forbidden={"other-lock": "get_lock() is another object"},
)


def test_given_lock_is_the_wrappers_lock(target):
    """A Lock or RLock passed as ``lock=`` is the very object ``get_lock()`` returns.

    Docs: multiprocessing — Shared ctypes Objects (Value and Array: "If lock is a Lock or
    RLock object then that will be used to synchronize access to the value").
    Promises: SHV-4, SHV-8.
    """
    ctx = target.ctx
    outcomes = GIVEN_LOCKS.counter()
    for kind in ("Lock", "RLock"):
        lock = getattr(ctx, kind)()
        with judged(f"Value and Array with lock={kind}(), and get_lock()"):
            got = {f"Value('i', lock={kind}())": ctx.Value("i", lock=lock).get_lock(),
                   f"Array('i', 3, lock={kind}())": ctx.Array("i", 3, lock=lock).get_lock()}
        for name, their_lock in got.items():
            outcomes.expect(their_lock is lock, "other-lock",
                            f"{name}.get_lock() is {their_lock!r}, not {lock!r}", "given")
    outcomes.verdict()


def acquirable_from_another_thread(lock, deadline):
    """Whether another thread of this process gets the lock without blocking (then released)."""
    got = []

    def attempt():
        got.append(takes(lock, False))

    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join(deadline)
    if not got:
        raise Stuck("acquire(False) from another thread did not return",
                    stuck_in="acquire(False) in another thread")
    return got[0]


WITH_BLOCKS = OutcomeTable(
    unit="with-blocks on synchronized wrappers",
    acceptable={"held": "the lock was held in the body and free after it"},
    forbidden={"not-held": "another thread got the lock inside the with-block",
               "still-held": "the lock stayed held after the with-block"},
)


def test_wrapper_context_manager_holds_its_lock(target):
    """``with wrapper:`` holds the wrapper's lock for the body and releases it afterwards.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (synchronized: "supports
    the context manager protocol", changed in 3.5).
    Promises: SHV-9.
    """
    ctx = target.ctx
    made = {"Value('i')": ctx.Value("i"), "Array('i', 2)": ctx.Array("i", 2),
            "Value('i', lock=Lock())": ctx.Value("i", lock=ctx.Lock()),
            "Array('c', 4)": ctx.Array("c", 4)}
    outcomes = WITH_BLOCKS.counter()
    for name, shared in made.items():
        lock = shared.get_lock()
        with judged(f"entering and leaving `with {name}:`"):
            with shared:
                inside = acquirable_from_another_thread(lock, target.deadline)
        after = acquirable_from_another_thread(lock, target.deadline)
        if inside:
            outcomes.observe("not-held", f"{name}: the lock was free inside `with {name}:`")
        else:
            outcomes.expect(after, "still-held", f"{name}: the lock was held after the block",
                            "held")
    outcomes.verdict()


def test_lock_is_keyword_only(target):
    """``lock`` is keyword-only: passed positionally it reaches the ctypes constructor (Value)
    or exceeds the signature (Array), and TypeError is raised.

    Docs: multiprocessing — Shared ctypes Objects (Value: "Note that lock is a keyword-only
    argument"; Array: same).
    Promises: SHV-6, SHV-16.
    """
    ctx = target.ctx
    expect_raises(TypeError, lambda: ctx.Value("i", 1, False), "Value('i', 1, False)")
    expect_raises(TypeError, lambda: ctx.Value("d", 1.0, True), "Value('d', 1.0, True)")
    expect_raises(TypeError, lambda: ctx.Array("i", 3, False), "Array('i', 3, False)")
    expect_raises(TypeError, lambda: ctx.Array("i", [1, 2], True), "Array('i', [1, 2], True)")


def test_lock_without_acquire_is_refused(target):
    """A ``lock=`` argument that is neither True/False/None nor has an ``acquire`` method is
    refused with AttributeError.

    Docs: multiprocessing — Shared ctypes Objects (Value and Array: lock "If lock is a Lock or
    RLock object then that will be used"); CPython raises AttributeError("... has no method
    'acquire'").
    Promises: SHV-7.
    """
    ctx = target.ctx
    for lock in (object(), "not a lock"):
        expect_raises(AttributeError, lambda: ctx.Value("i", lock=lock),
                      f"Value('i', lock={lock!r})")
        expect_raises(AttributeError, lambda: ctx.Array("i", 2, lock=lock),
                      f"Array('i', 2, lock={lock!r})")


# --- Array ----------------------------------------------------------------------------------

ARRAY_READS = OutcomeTable(
    unit="reads of synchronized Arrays",
    acceptable={"as-a-list": "length and contents as a list of the same items would have"},
    forbidden={"not-zeroed": "an Array made with a size is not all zeros",
               "misread": "the length, an item or a slice differs from a list's"},
)


@invariant(program=array_programs())
@example(program=LARGE_ARRAY_PROGRAM)
def test_array_behaves_like_a_fixed_length_sequence(target, program):
    """A synchronized Array starts zero-filled (size) or as its initializer, and supports len,
    indexing and slicing like a list of fixed length: an index out of range raises IndexError
    and a slice assignment of the wrong length raises ValueError.

    Docs: multiprocessing — Shared ctypes Objects (Array: "If size_or_initializer is an integer,
    then it determines the length of the array, and the array will be initially zeroed.
    Otherwise, size_or_initializer is a sequence which is used to initialize the array").
    Promises: SHV-12, SHV-13, SHV-14.
    """
    ctx, initial = target.ctx, program["initial"]
    model = list(initial)
    index, read, write = program["index"], program["read_slice"], program["write_slice"]
    with judged("Array('i', size), Array('i', sequence), len, indexing and slicing"):
        zeroed = ctx.Array("i", len(initial))
        zeros = (len(zeroed), zeroed[:])
        array = ctx.Array("i", initial)
        reads = [("as made", (len(model), list(model)), (len(array), array[:]))]
        array[index] = model[index] = program["item"]
        reads.append((f"[{index}] after writing it", model[index], array[index]))
        reads.append((f"[{read}]", model[read], array[read]))
        array[write] = model[write] = program["right"]
        reads.append((f"after [{write}] = {len(program['right'])} items",
                      (len(model), list(model)), (len(array), array[:])))
    outcomes = ARRAY_READS.counter()
    outcomes.expect(zeros == (len(initial), [0] * len(initial)), "not-zeroed",
                    f"Array('i', {len(initial)}) has length {zeros[0]} and contents "
                    f"{shown(zeros[1])}", "as-a-list")
    for what, expected, seen in reads:
        outcomes.expect(seen == expected, "misread",
                        f"{what}: {shown(seen)}, a list has {shown(expected)}", "as-a-list")
    outcomes.verdict()
    bad = program["bad_index"]
    expect_raises(IndexError, lambda: array[bad], f"array[{bad}] of length {len(model)}")
    expect_raises(IndexError, lambda: array.__setitem__(bad, 0), f"array[{bad}] = 0")
    expect_raises(ValueError, lambda: array.__setitem__(write, program["wrong"]),
                  f"array[{write}] (of {len(model[write])} items) = {len(program['wrong'])} "
                  f"items")


CHAR_ARRAYS = OutcomeTable(
    unit="reads of Array('c') values",
    acceptable={"as-stored": "value and raw read what was last stored"},
    forbidden={"missing": "the Array('c') has no value or no raw attribute",
               "misread": "value or raw read something else"},
)


@invariant(program=char_array_programs())
@example(program=LARGE_CHAR_ARRAY)
def test_char_array_has_value_and_raw(target, program):
    """An ``Array('c', ...)`` has ``value`` (the bytes up to the first NUL) and ``raw`` (all its
    bytes), both readable and writable.

    Docs: multiprocessing — Shared ctypes Objects (Array: "if typecode_or_type is ... 'c' ...
    it has value and raw attributes which allow one to use it to store and retrieve strings").
    Promises: SHV-15.
    """
    ctx, size = target.ctx, program["size"]
    value, raw, initializer = program["value"], program["raw"], program["initializer"]
    with judged(f"Array('c', {size}) and Array('c', {shown(initializer)})"):
        chars = ctx.Array("c", size)
        initialised = ctx.Array("c", initializer)
    outcomes = CHAR_ARRAYS.counter()
    lacking = [f"{name}.{attribute}" for name, made in (("Array('c', size)", chars),
                                                        ("Array('c', bytes)", initialised))
               for attribute in ("value", "raw") if not hasattr(made, attribute)]
    if lacking:
        outcomes.observe("missing", f"no {', '.join(lacking)}")
        outcomes.verdict()
    with judged("reading and writing .value and .raw"):
        reads = [("as made", (b"", b"\0" * size), (chars.value, chars.raw))]
        chars.value = value
        reads.append((f"after .value = {shown(value)}", (value, value.ljust(size, b"\0")),
                      (chars.value, chars.raw)))
        chars.raw = raw
        reads.append((f"after .raw = {shown(raw)}", (raw.split(b"\0")[0], raw),
                      (chars.value, chars.raw)))
        reads.append((f"Array('c', {shown(initializer)})", (initializer, initializer),
                      (initialised.value, initialised.raw)))
    for what, expected, seen in reads:
        outcomes.expect(seen == expected, "misread",
                        f"{what}: value, raw read {shown(seen)}, expected {shown(expected)}",
                        "as-stored")
    outcomes.verdict()


# --- unsynchronized objects and the sharedctypes module -------------------------------------

PLAIN_CTYPES = OutcomeTable(
    unit="unlocked shared ctypes objects",
    acceptable={"plain": "a plain ctypes object without get_lock(), holding its initial "
                         "contents"},
    forbidden={"synchronized": "it has get_lock(): a synchronized wrapper was returned",
               "not-ctypes": "it is not a ctypes object of the requested type",
               "not-zeroed": "made with a size or without a value, but not all zeros",
               "misread": "it does not hold the given initial contents"},
)


def judge_plain(outcomes, name, obj, ctype, expected, zeroed, acceptable):
    """Observe whether ``obj`` is a plain ``ctype`` object holding ``expected`` (all zeros if
    ``zeroed``)."""
    if hasattr(obj, "get_lock"):
        outcomes.observe("synchronized", f"{name} is a {type(obj).__name__} with get_lock()")
    elif not isinstance(obj, ctype):
        outcomes.observe("not-ctypes", f"{name} is a {type(obj).__name__}, not a "
                                       f"{ctype.__name__}")
    else:
        contents = obj[:] if isinstance(obj, ctypes.Array) else obj.value
        outcomes.expect(contents == expected, "not-zeroed" if zeroed else "misread",
                        f"{name} holds {shown(contents)}, expected {shown(expected)}",
                        acceptable)


@invariant(items=lists_of(INT32, 1, 8), scalar=FINITE)
@example(items=MANY_ITEMS, scalar=-2.5)
def test_unlocked_objects_are_plain_ctypes(target, items, scalar):
    """RawValue, RawArray and Value/Array with ``lock=False`` are plain ctypes objects (no
    ``get_lock()``): zero-filled for a size, initialised from a sequence otherwise.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (RawValue, RawArray);
    Shared ctypes Objects (Value, Array: "If lock is False then access to the returned object
    will not be automatically protected by a lock").
    Promises: RAW-1, RAW-2, SHV-5, SHV-17.
    """
    ctx, length = target.ctx, len(items)
    with judged("RawValue, RawArray, and Value and Array with lock=False"):
        made = {
            "RawValue('d')": (ctx.RawValue("d"), ctypes.c_double, 0.0, True),
            f"RawValue(c_double, {scalar!r})": (ctx.RawValue(ctypes.c_double, scalar),
                                                 ctypes.c_double, scalar, False),
            f"Value('d', {scalar!r}, lock=False)": (ctx.Value("d", scalar, lock=False),
                                                    ctypes.c_double, scalar, False),
            f"RawArray('i', {length})": (ctx.RawArray("i", length), ctypes.Array,
                                         [0] * length, True),
            f"RawArray('i', <{length} items>)": (ctx.RawArray("i", items), ctypes.Array, items,
                                                 False),
            f"Array('i', <{length} items>, lock=False)": (ctx.Array("i", items, lock=False),
                                                          ctypes.Array, items, False),
        }
    outcomes = PLAIN_CTYPES.counter()
    for name, (obj, ctype, expected, zeroed) in made.items():
        judge_plain(outcomes, name, obj, ctype, expected, zeroed, "plain")
    outcomes.verdict()


def changed(number):
    """A different int32."""
    return number + 1 if number < 2**31 - 1 else number - 1


COPIES = OutcomeTable(
    unit="copies made by sharedctypes.copy",
    acceptable={"independent": "same type and contents, and writing one leaves the other as "
                               "it was"},
    forbidden={"unequal": "another type or other contents than the original",
               "shares-buffer": "writing one changed the other"},
)


@pytest.mark.requires("sharedctypes")
@invariant(items=lists_of(INT32, 1, 8), scalar=INT32)
@example(items=MANY_ITEMS, scalar=-3)
def test_copy_is_an_equal_independent_object(target, items, scalar):
    """``sharedctypes.copy(obj)`` returns a new shared ctypes object of the same type and
    contents, independent of the original: writing one leaves the other unchanged.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (copy: "Return a ctypes
    object allocated from shared memory which is a copy of the ctypes object obj").
    Promises: RAW-4.
    """
    sharedctypes = target.submodule("sharedctypes")
    outcomes = COPIES.counter()
    with judged("sharedctypes.copy of a RawValue and of a RawArray"):
        value = target.ctx.RawValue("i", scalar)
        copied = sharedctypes.copy(value)
        array = target.ctx.RawArray("i", items)
        copied_array = sharedctypes.copy(array)
    for what, original, copy, contents in (
            (f"copy of c_int({scalar})", value, copied, lambda obj: obj.value),
            (f"copy of RawArray <{len(items)} items>", array, copied_array,
             lambda obj: obj[:])):
        if type(copy) is not type(original) or contents(copy) != contents(original):
            outcomes.observe("unequal", f"{what} is a {type(copy).__name__}, reading "
                                        f"{shown(contents(copy))}")
            outcomes.verdict()
    with judged("writing the original and the copy"):
        value.value = changed(scalar)
        copy_after = copied.value
        copied_array[0] = changed(items[0])
        original_after = array[:]
    outcomes.expect(copy_after == scalar, "shares-buffer",
                    f"writing the original RawValue changed its copy to {copy_after}",
                    "independent")
    outcomes.expect(original_after == items, "shares-buffer",
                    f"writing the copy changed the original RawArray to "
                    f"{shown(original_after)}", "independent")
    outcomes.verdict()


SYNCHRONIZED = OutcomeTable(
    unit="wrappers made by sharedctypes.synchronized",
    acceptable={"wrapped": "wraps the object, with a new recursive lock or the given one"},
    forbidden={"other-object": "get_obj() is not the object given, or reads another value",
               "not-recursive": "the lock it created cannot be taken again by its holder",
               "unacquirable": "the lock it created could not be acquired",
               "other-lock": "the given lock is not the wrapper's lock"},
)


@pytest.mark.requires("sharedctypes")
@invariant(scalar=INT32)
def test_synchronized_wraps_with_a_recursive_lock(target, scalar):
    """``sharedctypes.synchronized(obj)`` wraps a raw ctypes object with a new recursive lock
    (or the given one); it refuses an object that is already synchronized.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (synchronized: "If lock is
    None (the default) then a multiprocessing.RLock object is created automatically").
    Promises: RAW-5.
    """
    sharedctypes = target.submodule("sharedctypes")
    given = target.ctx.Lock()
    with judged("sharedctypes.synchronized(obj) and synchronized(obj, lock)"):
        raw = target.ctx.RawValue("i", scalar)
        wrapped = sharedctypes.synchronized(raw)
        lock = wrapped.get_lock()
        given_to = sharedctypes.synchronized(target.ctx.RawArray("i", 2), given).get_lock()
    outcomes = SYNCHRONIZED.counter()
    judge_recursive(outcomes, lock, "the lock synchronized() created", target.deadline,
                    "wrapped")
    outcomes.verdict()  # before reading through the wrapper, which takes that lock
    with judged("get_obj() and value of the synchronized wrapper"):
        wrapped_obj, wrapped_value = wrapped.get_obj(), wrapped.value
    outcomes.expect(wrapped_obj is raw and wrapped_value == scalar, "other-object",
                    f"synchronized(c_int({scalar})) wraps {wrapped_obj!r} reading "
                    f"{wrapped_value!r}", "wrapped")
    outcomes.expect(given_to is given, "other-lock",
                    f"synchronized(obj, lock).get_lock() is {given_to!r}", "wrapped")
    outcomes.verdict()
    if not sys.flags.optimize:  # CPython refuses with an assert statement, gone under -O
        expect_raises(AssertionError, lambda: sharedctypes.synchronized(wrapped),
                      "synchronized() of a synchronized wrapper")


MODULE_FACTORIES = OutcomeTable(
    unit="objects made by sharedctypes.Value and sharedctypes.Array",
    acceptable={"as-top-level": "locked and read as the top-level Value and Array"},
    forbidden={"misread": "it does not hold its initial contents",
               "not-recursive": "the lock it created cannot be taken again by its holder",
               "unacquirable": "the lock it created could not be acquired",
               "other-lock": "a given lock is not the wrapper's lock",
               "synchronized": "lock=False returned a synchronized wrapper",
               "not-ctypes": "lock=False returned something other than a ctypes object"},
)


@pytest.mark.requires("sharedctypes")
@invariant(items=lists_of(INT32, 1, 8), scalar=INT32)
@example(items=MANY_ITEMS, scalar=11)
def test_sharedctypes_value_and_array_lock_like_the_top_level(target, items, scalar):
    """``sharedctypes.Value`` and ``sharedctypes.Array`` make the same objects as RawValue and
    RawArray, wrapped as the top-level Value and Array are: a new recursive lock by default, the
    given lock if one is passed, and no wrapper at all with ``lock=False``.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (Value, Array: "The same as
    RawArray() except that depending on the value of lock a process-safe synchronization wrapper
    may be returned instead of a raw ctypes array").
    Promises: RAW-6.
    """
    sharedctypes, ctx = target.submodule("sharedctypes"), target.ctx
    given = ctx.Lock()
    with judged("sharedctypes.Value and sharedctypes.Array with each kind of lock="):
        value = sharedctypes.Value("i", scalar, ctx=ctx)
        array = sharedctypes.Array("i", items, ctx=ctx)
        default_locks = {"Value": value.get_lock(), "Array": array.get_lock()}
        given_locks = {"Value": sharedctypes.Value("i", lock=given, ctx=ctx).get_lock(),
                       "Array": sharedctypes.Array("i", 2, lock=given, ctx=ctx).get_lock()}
        unlocked = {
            f"sharedctypes.Value('i', {scalar}, lock=False)":
                (sharedctypes.Value("i", scalar, lock=False), ctypes.c_int, scalar),
            f"sharedctypes.Array('i', <{len(items)} items>, lock=False)":
                (sharedctypes.Array("i", items, lock=False), ctypes.Array, items),
        }
    outcomes = MODULE_FACTORIES.counter()
    for name, lock in default_locks.items():
        judge_recursive(outcomes, lock, f"the lock sharedctypes.{name}() created",
                        target.deadline, "as-top-level")
    outcomes.verdict()  # before reading through the wrappers, which take those locks
    with judged("reading sharedctypes.Value and sharedctypes.Array"):
        reads = (value.value, array[:])
    outcomes.expect(reads == (scalar, items), "misread",
                    f"sharedctypes.Value('i', {scalar}) and Array('i', <{len(items)} items>) "
                    f"read {shown(reads)}", "as-top-level")
    for name, lock in given_locks.items():
        outcomes.expect(lock is given, "other-lock",
                        f"sharedctypes.{name}(..., lock=lock).get_lock() is {lock!r}",
                        "as-top-level")
    for name, (obj, ctype, expected) in unlocked.items():
        judge_plain(outcomes, name, obj, ctype, expected, False, "as-top-level")
    outcomes.verdict()
