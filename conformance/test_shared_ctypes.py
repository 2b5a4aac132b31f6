"""Shared ctypes objects: Value, Array, RawValue, RawArray and the sharedctypes module.

Docs: multiprocessing — Shared ctypes Objects; The multiprocessing.sharedctypes module;
Sharing state between processes (Shared memory).

Native provider only: shared ctypes objects are not manager features (a Manager's ``Value`` and
``Array`` are proxies with different semantics).
"""

import ctypes
import sys
import threading

import pytest
from hypothesis import strategies as st

from conformance.actors import shared_ctypes as actors
from conformance.harness.probe import holder_retakes, takes
from conformance.invariants import invariant
from conformance.judge import Outcomes, Stuck, expect_raises
from conformance.strategies import critical_section_programs

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
    initial = draw(st.lists(INT32, min_size=1, max_size=12))
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
    size = draw(st.integers(1, 16))
    return {"size": size,
            "value": draw(NUL_FREE.map(lambda data: data[:size])),
            "raw": draw(st.binary(min_size=size, max_size=size)),
            "initializer": draw(NUL_FREE.filter(bool))}


@st.composite
def written_contents(draw):
    """What a child writes into a Value('i'), Array('i'), RawValue('d') and RawArray('b'): never
    the zeros they start with, so a write that stays in the child is seen."""
    length = draw(st.integers(1, 8))
    return {"value": draw(NONZERO_INT32),
            "array": tuple(draw(st.lists(NONZERO_INT32, min_size=length, max_size=length))),
            "raw_value": draw(FINITE.filter(bool)),
            "raw_array": tuple(draw(st.lists(st.integers(-128, 127).filter(bool),
                                             min_size=length, max_size=length)))}


@invariant(program=critical_section_programs())
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
        total = value.value
    outcomes = Outcomes(
        unit="increments under the Value's lock",
        acceptable={"alone": "no other incrementer held the lock meanwhile"},
        forbidden={"overlapped": "another incrementer was inside the lock at the same time"},
    )
    for worker, (delays, seen) in enumerate(zip(program, overlaps)):
        overlapped = dict(seen)
        for increment in range(len(delays)):
            outcomes.expect(increment not in overlapped, "overlapped",
                            f"incrementer {worker} increment {increment} overlapped "
                            f"incrementers {overlapped.get(increment)}", "alone")
    outcomes.verdict()
    expected = sum(len(delays) for delays in program)
    assert total == expected, f"lost increments: value {total}, expected {expected}"


@invariant(plan=written_contents())
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
        seen = {"value": shared["value"].value, "array": tuple(shared["array"][:]),
                "raw_value": shared["raw_value"].value,
                "raw_array": tuple(shared["raw_array"][:])}
    outcomes = Outcomes(
        unit="shared objects written by a child",
        acceptable={"visible": "the parent read what the child wrote"},
        forbidden={"not-visible": "the parent read something else"},
    )
    for name, written in plan.items():
        outcomes.expect(seen[name] == written, "not-visible",
                        f"{name}: child wrote {written!r}, parent read {seen[name]!r}", "visible")
    outcomes.verdict()


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
    empty = ctx.Value(kind)
    assert empty.value == zero, f"Value({kind!r}).value is {empty.value!r}, expected {zero!r}"
    value = ctx.Value(kind, program["initial"])
    obj = value.get_obj()
    assert isinstance(obj, CTYPES_OF[typecode]), f"get_obj() returned {type(obj).__name__}"
    assert value.value == obj.value == program["initial"], \
        f"Value({kind!r}, {program['initial']!r}) reads {value.value!r}"
    value.value = program["written"]
    assert obj.value == program["written"], \
        f"after .value = {program['written']!r}, get_obj().value is {obj.value!r}"
    obj.value = program["underneath"]
    assert value.value == program["underneath"], \
        f"after get_obj().value = {program['underneath']!r}, .value is {value.value!r}"
    point = ctx.Value(Point, 7, 2.5)
    assert (point.x, point.y) == (7, 2.5), f"Value(Point, 7, 2.5) reads {point.x, point.y}"
    point.y = -1.0
    assert point.get_obj().y == -1.0, "a field written through the wrapper did not stick"


def test_default_lock_is_a_new_recursive_lock(target):
    """By default a Value's or Array's ``get_lock()`` is a recursive lock of its own (acquirable
    again by its holder), the same object on every call.

    Docs: multiprocessing — Shared ctypes Objects (Value and Array: "If lock is True (the
    default) then a new recursive lock object is created to synchronize access").
    Promises: SHV-3, SHV-8.
    """
    ctx = target.ctx
    made = {"Value('i')": ctx.Value("i"), "Value('i', lock=True)": ctx.Value("i", lock=True),
            "Array('i', 2)": ctx.Array("i", 2),
            "Array('i', 2, lock=True)": ctx.Array("i", 2, lock=True)}
    locks = {}
    for name, shared in made.items():
        lock = shared.get_lock()
        assert shared.get_lock() is lock, f"{name}.get_lock() returned a different lock each time"
        assert holder_retakes(lock, target.deadline), \
            f"{name}: its lock is not recursive (holder's acquire(False) was refused)"
        locks[name] = lock
    distinct = {id(lock) for lock in locks.values()}
    assert len(distinct) == len(locks), "two objects share one default lock"


def test_given_lock_is_the_wrappers_lock(target):
    """A Lock or RLock passed as ``lock=`` is the very object ``get_lock()`` returns.

    Docs: multiprocessing — Shared ctypes Objects (Value and Array: "If lock is a Lock or
    RLock object then that will be used to synchronize access to the value").
    Promises: SHV-4, SHV-8.
    """
    ctx = target.ctx
    for kind in ("Lock", "RLock"):
        lock = getattr(ctx, kind)()
        for name, shared in ((f"Value('i', lock={kind}())", ctx.Value("i", lock=lock)),
                             (f"Array('i', 3, lock={kind}())", ctx.Array("i", 3, lock=lock))):
            assert shared.get_lock() is lock, f"{name}.get_lock() is not the given lock"


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
    outcomes = Outcomes(
        unit="with-blocks on synchronized wrappers",
        acceptable={"held": "the lock was held in the body and free after it"},
        forbidden={"not-held": "another thread got the lock inside the with-block",
                   "still-held": "the lock stayed held after the with-block"},
    )
    for name, shared in made.items():
        with shared:
            inside = acquirable_from_another_thread(shared.get_lock(), target.deadline)
        after = acquirable_from_another_thread(shared.get_lock(), target.deadline)
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


@invariant(program=array_programs())
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
    zeroed = ctx.Array("i", len(initial))
    assert len(zeroed) == len(initial) and zeroed[:] == [0] * len(initial), \
        f"Array('i', {len(initial)}) is {zeroed[:]}"
    array, model = ctx.Array("i", initial), list(initial)
    assert len(array) == len(model) and array[:] == model, \
        f"Array('i', {initial}) has length {len(array)} and contents {array[:]}"
    index = program["index"]
    array[index] = model[index] = program["item"]
    assert array[index] == model[index], f"array[{index}] reads {array[index]}"
    bad = program["bad_index"]
    expect_raises(IndexError, lambda: array[bad], f"array[{bad}] of length {len(model)}")
    expect_raises(IndexError, lambda: array.__setitem__(bad, 0), f"array[{bad}] = 0")
    read = program["read_slice"]
    assert array[read] == model[read], f"array[{read}] is {array[read]}, expected {model[read]}"
    write = program["write_slice"]
    array[write] = model[write] = program["right"]
    assert array[:] == model, f"after array[{write}] = {program['right']}: {array[:]} != {model}"
    expect_raises(ValueError, lambda: array.__setitem__(write, program["wrong"]),
                  f"array[{write}] (of {len(model[write])} items) = {len(program['wrong'])} "
                  f"items")


@invariant(program=char_array_programs())
def test_char_array_has_value_and_raw(target, program):
    """An ``Array('c', ...)`` has ``value`` (the bytes up to the first NUL) and ``raw`` (all its
    bytes), both readable and writable.

    Docs: multiprocessing — Shared ctypes Objects (Array: "if typecode_or_type is ... 'c' ...
    it has value and raw attributes which allow one to use it to store and retrieve strings").
    Promises: SHV-15.
    """
    ctx, size = target.ctx, program["size"]
    chars = ctx.Array("c", size)
    assert len(chars) == size, f"Array('c', {size}) has length {len(chars)}"
    assert (chars.value, chars.raw) == (b"", b"\0" * size), \
        f"Array('c', {size}) starts as value {chars.value!r}, raw {chars.raw!r}"
    chars.value = program["value"]
    assert chars.value == program["value"], f".value = {program['value']!r} reads back " \
                                            f"{chars.value!r}"
    assert chars.raw[:len(program["value"])] == program["value"] and len(chars.raw) == size, \
        f"after .value = {program['value']!r}, raw is {chars.raw!r}"
    chars.raw = program["raw"]
    assert chars.raw == program["raw"], f".raw = {program['raw']!r} reads back {chars.raw!r}"
    assert chars.value == program["raw"].split(b"\0")[0], \
        f"after .raw = {program['raw']!r}, value is {chars.value!r}"
    initialised = ctx.Array("c", program["initializer"])
    assert (initialised.value, initialised.raw) == (program["initializer"],) * 2, \
        f"Array('c', {program['initializer']!r}) reads value {initialised.value!r}, " \
        f"raw {initialised.raw!r}"


@invariant(items=st.lists(INT32, min_size=1, max_size=8), scalar=FINITE)
def test_unlocked_objects_are_plain_ctypes(target, items, scalar):
    """RawValue, RawArray and Value/Array with ``lock=False`` are plain ctypes objects (no
    ``get_lock()``): zero-filled for a size, initialised from a sequence otherwise.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (RawValue, RawArray);
    Shared ctypes Objects (Value, Array: "If lock is False then access to the returned object
    will not be automatically protected by a lock").
    Promises: RAW-1, RAW-2, SHV-5, SHV-17.
    """
    ctx, length = target.ctx, len(items)
    made = {
        "RawValue('d')": (ctx.RawValue("d"), ctypes.c_double, 0.0),
        f"RawValue(c_double, {scalar!r})": (ctx.RawValue(ctypes.c_double, scalar),
                                             ctypes.c_double, scalar),
        f"Value('d', {scalar!r}, lock=False)": (ctx.Value("d", scalar, lock=False),
                                                ctypes.c_double, scalar),
        f"RawArray('i', {length})": (ctx.RawArray("i", length), ctypes.Array, [0] * length),
        f"RawArray('i', {items})": (ctx.RawArray("i", items), ctypes.Array, items),
        f"Array('i', {items}, lock=False)": (ctx.Array("i", items, lock=False), ctypes.Array,
                                             items),
    }
    for name, (obj, ctype, expected) in made.items():
        assert isinstance(obj, ctype), f"{name} is a {type(obj).__name__}, not a {ctype.__name__}"
        assert not hasattr(obj, "get_lock"), f"{name} has get_lock(): it is synchronized"
        contents = obj[:] if isinstance(obj, ctypes.Array) else obj.value
        assert contents == expected, f"{name} holds {contents!r}, expected {expected!r}"


def changed(number):
    """A different int32."""
    return number + 1 if number < 2**31 - 1 else number - 1


@pytest.mark.requires("sharedctypes")
@invariant(items=st.lists(INT32, min_size=1, max_size=8), scalar=INT32)
def test_copy_is_an_equal_independent_object(target, items, scalar):
    """``sharedctypes.copy(obj)`` returns a new shared ctypes object of the same type and
    contents, independent of the original: writing one leaves the other unchanged.

    Docs: multiprocessing — The multiprocessing.sharedctypes module (copy: "Return a ctypes
    object allocated from shared memory which is a copy of the ctypes object obj").
    Promises: RAW-4.
    """
    sharedctypes = target.submodule("sharedctypes")
    value = target.ctx.RawValue("i", scalar)
    copied = sharedctypes.copy(value)
    assert type(copied) is type(value) and copied.value == scalar, \
        f"copy of c_int({scalar}) is {type(copied).__name__} {getattr(copied, 'value', None)}"
    value.value = changed(scalar)
    assert copied.value == scalar, f"writing the original changed the copy to {copied.value}"
    array = target.ctx.RawArray("i", items)
    copied_array = sharedctypes.copy(array)
    assert type(copied_array) is type(array) and copied_array[:] == items, \
        f"copy of RawArray {items} is {type(copied_array).__name__} {copied_array[:]}"
    copied_array[0] = changed(items[0])
    assert array[:] == items, f"writing the copy changed the original to {array[:]}"


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
    raw = target.ctx.RawValue("i", scalar)
    wrapped = sharedctypes.synchronized(raw)
    assert wrapped.get_obj() is raw and wrapped.value == scalar, \
        f"synchronized(c_int({scalar})) wraps {wrapped.get_obj()!r} reading {wrapped.value!r}"
    assert holder_retakes(wrapped.get_lock(), target.deadline), \
        "the lock synchronized() created is not recursive"
    given = target.ctx.Lock()
    assert sharedctypes.synchronized(target.ctx.RawArray("i", 2), given).get_lock() is given, \
        "synchronized(obj, lock) does not use the given lock"
    if not sys.flags.optimize:  # CPython refuses with an assert statement, gone under -O
        expect_raises(AssertionError, lambda: sharedctypes.synchronized(wrapped),
                      "synchronized() of a synchronized wrapper")


@pytest.mark.requires("sharedctypes")
@invariant(items=st.lists(INT32, min_size=1, max_size=8), scalar=INT32)
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
    value = sharedctypes.Value("i", scalar, ctx=ctx)
    array = sharedctypes.Array("i", items, ctx=ctx)
    assert value.value == scalar and array[:] == items, \
        f"sharedctypes.Value('i', {scalar}) reads {value.value}, Array('i', {items}) {array[:]}"
    for name, made in (("Value", value), ("Array", array)):
        assert holder_retakes(made.get_lock(), target.deadline), \
            f"the lock sharedctypes.{name}() created is not recursive"
    given = ctx.Lock()
    assert sharedctypes.Value("i", lock=given, ctx=ctx).get_lock() is given, \
        "sharedctypes.Value(..., lock=lock) does not use the given lock"
    assert sharedctypes.Array("i", 2, lock=given, ctx=ctx).get_lock() is given, \
        "sharedctypes.Array(..., lock=lock) does not use the given lock"
    raw_value = sharedctypes.Value("i", scalar, lock=False)
    raw_array = sharedctypes.Array("i", items, lock=False)
    assert isinstance(raw_value, ctypes.c_int) and raw_value.value == scalar, \
        f"sharedctypes.Value('i', {scalar}, lock=False) is {raw_value!r}"
    assert isinstance(raw_array, ctypes.Array) and raw_array[:] == items, \
        f"sharedctypes.Array('i', {items}, lock=False) is {raw_array!r}"
    assert not hasattr(raw_value, "get_lock") and not hasattr(raw_array, "get_lock"), \
        "sharedctypes.Value/Array with lock=False are synchronized"
