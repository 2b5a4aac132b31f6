"""SharedMemory, ShareableList and SharedMemoryManager: one block of memory, seen alike by every
process that attaches to it, until it is unlinked.

Docs: multiprocessing.shared_memory — Shared memory for direct access across processes
(SharedMemory, ShareableList; SharedMemoryManager, documented there and found in
multiprocessing.managers).

The implementation's classes come from ``<impl>.shared_memory`` and ``<impl>.managers``
(capabilities ``shared_memory``, ``shared_memory_manager``); an implementation without them
(billiard) reports these invariants as unsupported.  Every block an
example makes is recorded in a ``Blocks`` and unlinked when the example ends, whatever its
outcome: first through the implementation (so its resource tracker's books stay straight), then,
for anything still there, through the standard library (the implementation's own unlink may be
the bug under test).

Reads an invariant judges are collected inside ``judged(...)`` blocks (in a child too: an
exception there is the implementation's failure, never the kit's) and judged afterwards against
the invariant's outcome table.  Explicit large examples (full blocks of several pages, lists of
hundreds of items holding more than 64 KiB) run under every profile: a structure that breaks only
once its buffer has filled is caught by default.
"""

import contextlib
import mmap
import os
import pickle
import secrets
import struct
import subprocess
import sys
import time

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import shared_memory as actors
from conformance.harness.scenario import shutdown_manager
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged
from conformance.strategies import process_counts, scaled, sized

pytestmark = [pytest.mark.requires("shared_memory")]  # a list: tests read it as one

# --- the implementation's shared memory -----------------------------------------------------


def shared_memory_of(target):
    """The implementation's ``shared_memory`` module (SharedMemory, ShareableList)."""
    return target.submodule("shared_memory")


def shared_memory_manager_of(target):
    """The implementation's SharedMemoryManager, from ``<impl>.managers`` (where 3.9+ keeps it;
    ``shared_memory`` does not export it)."""
    return target.submodule("managers").SharedMemoryManager


def new_name():
    """A fresh block name: short enough for every POSIX (FreeBSD allows 14 characters)."""
    return "mpc" + secrets.token_hex(5)


def block_exists(name):
    """Whether a block of that name exists, asked of the OS without any resource tracker."""
    import _posixshmem

    try:
        fd = _posixshmem.shm_open("/" + name, os.O_RDONLY)
    except FileNotFoundError:
        return False
    os.close(fd)
    return True


def unlink_with_stdlib(name):
    """Unlink the block through the standard library, if it still exists (POSIX only: on
    Windows a block goes away with its last handle)."""
    if os.name != "posix":
        return
    from multiprocessing import shared_memory as stdlib

    try:
        block = stdlib.SharedMemory(name)
    except FileNotFoundError:
        return
    except (OSError, ValueError):  # e.g. an empty block, which cannot be mapped
        import _posixshmem

        with contextlib.suppress(FileNotFoundError):
            _posixshmem.shm_unlink("/" + name)
        return
    block.close()
    block.unlink()


class Blocks:
    """The names of the blocks one example made, each unlinked when the example ends."""

    def __init__(self, shared_memory):
        self.shared_memory = shared_memory
        self.names = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        for name in dict.fromkeys(self.names):
            with contextlib.suppress(Exception):  # whatever the implementation does here
                block = self.shared_memory.SharedMemory(name)
                block.close()
                block.unlink()
            unlink_with_stdlib(name)

    def add(self, name):
        self.names.append(name.lstrip("/"))
        return name

    def keep(self, block):
        self.add(block.name)
        return block

    def keep_list(self, shared):
        self.add(shared.shm.name)
        return shared


# --- plain helpers --------------------------------------------------------------------------


def tiled(pattern, size):
    return (pattern * (size // len(pattern) + 1))[:size]


def flipped(data, mask):
    """``data`` with every byte changed (mask is 1..255), so a write of it is always visible."""
    return bytes(byte ^ mask for byte in data)


def first_difference(seen, expected):
    for offset, (a, b) in enumerate(zip(seen, expected)):
        if a != b:
            return f"first difference at +{offset}: {a:#04x} instead of {b:#04x}"
    return f"{len(seen)} bytes instead of {len(expected)}"


def typed(values):
    """Values compared with their types: True is not 1, 1.0 is not 1, -0.0 is not 0.0."""
    return [repr(value) for value in values]


def applied(values, writes):
    values = list(values)
    for position, value in writes:
        values[position] = value
    return values


def room(value):
    """Bytes a ShareableList allocates for a value at creation: str and bytes get their length
    rounded up past the next multiple of 8, every other value 8 (``creatable`` str values have
    the same room whether their length is counted in characters or in UTF-8 bytes)."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    if isinstance(value, bytes):
        return 8 * (len(value) // 8 + 1)
    return 8


class Unreadable:
    """Stands in a list of items read for one whose read raised: an item that could be read
    before an operation and cannot after it has changed.  Its repr names the exception's type."""

    def __init__(self, error):
        self.error = type(error).__name__

    def __repr__(self):
        return f"<unreadable: {self.error}>"


def items_read_one_by_one(shared, length):
    """A ShareableList's items as iteration reads them (positions 0 to ``length``, until one
    raises IndexError), each read on its own: an item whose read raises anything else is an
    ``Unreadable`` in its place, so an operation that corrupted an item's metadata is seen to
    have changed that item, not judged as a read that raised."""
    items = []
    for position in range(length + 1):
        try:
            items.append(shared[position])
        except IndexError:
            break
        except Exception as exc:  # counted: the item can no longer be read
            items.append(Unreadable(exc))
    return items


def list_difference(seen, expected):
    """Where two lists of values (compared with their types) first differ."""
    seen, expected = typed(seen), typed(expected)
    if len(seen) != len(expected):
        return f"{len(seen)} items instead of {len(expected)}"
    for position, (got, wanted) in enumerate(zip(seen, expected)):
        if got != wanted:
            return f"[{position}] is {got[:60]} instead of {wanted[:60]}"
    return "no difference"


# --- strategies -----------------------------------------------------------------------------

block_sizes = sized(1, 3 * mmap.PAGESIZE)
byte_patterns = st.binary(min_size=1, max_size=32)
int64s = st.integers(-(2**63), 2**63 - 1)
name_stems = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
                     min_size=1, max_size=4)
# Values no ShareableList stores (its types are int, float, bool, str, bytes and None), and ints
# outside the signed 64-bit range it stores ints in.
unsupported_values = st.sampled_from([[], [1], {}, (), (1, 2), 1j, frozenset(), bytearray(b"x")])
oversized_ints = st.one_of(st.integers(min_value=2**63), st.integers(max_value=-(2**63) - 1))


def lists_of(elements, low, high):
    """Lists of ``elements`` whose length is drawn with ``sized(low, high)``."""
    return sized(low, high).flatmap(
        lambda length: st.lists(elements, min_size=length, max_size=length))


def fitting(limit):
    """Values a ShareableList slot of ``limit`` bytes accepts: every supported type, str and bytes
    no longer than the slot.  Values ending in NUL are left out: ShareableList strips trailing
    NULs on reading (a known bug, warned about in the ShareableList docs)."""
    return st.one_of(
        int64s, st.floats(allow_nan=False), st.booleans(), st.none(),
        st.text(max_size=limit).map(
            lambda s: s.encode("utf-8")[:limit].decode("utf-8", "ignore").rstrip("\x00")),
        st.binary(max_size=limit).map(lambda b: b.rstrip(b"\x00")),
    )


def creatable(text):
    """``text`` shortened until CPython can store it at creation: it sizes a new str slot by
    counting characters but stores UTF-8, silently truncating an encoding that is longer (a
    defect left out here), so keep only strings whose room is the same counted either way."""
    text = text.rstrip("\x00")
    while len(text) // 8 != len(text.encode("utf-8")) // 8:
        text = text[:-1].rstrip("\x00")
    return text


# Values a list is made from (assignments use ``fitting``, whose str values may be longer in
# UTF-8 than in characters: an assignment checks the encoded length).
list_values = st.one_of(
    int64s, st.floats(allow_nan=False), st.booleans(), st.none(),
    st.text(max_size=24).map(creatable), st.binary(max_size=24).map(lambda b: b.rstrip(b"\x00")),
)
value_lists = lists_of(list_values, 0, 10)
nonempty_value_lists = lists_of(list_values, 1, 8)


@st.composite
def sharing_programs(draw):
    """A block size, the creator's byte pattern, and disjoint regions that attachers (at least
    one besides the creator) rewrite, each with a nonzero XOR mask, so every written byte
    differs from the creator's."""
    size = draw(sized(8, 3 * mmap.PAGESIZE))
    attachers = min(draw(process_counts(1, 4)), size // 2)
    cuts = sorted(draw(st.lists(st.integers(0, size), min_size=2 * attachers,
                                max_size=2 * attachers, unique=True)))
    return {"size": size, "pattern": draw(byte_patterns),
            "regions": tuple(zip(cuts[::2], cuts[1::2])),
            "masks": tuple(draw(st.lists(st.integers(1, 255), min_size=attachers,
                                         max_size=attachers)))}


@st.composite
def oversize_programs(draw):
    """A list, a position in it (maybe negative), and a str or bytes too long for that slot."""
    values = draw(nonempty_value_lists)
    position = draw(st.integers(-len(values), len(values) - 1))
    limit = room(values[position])
    too_long = draw(st.one_of(st.binary(min_size=limit + 1, max_size=limit + 16),
                              st.text(min_size=limit + 1, max_size=limit + 8)))
    return {"values": tuple(values), "position": position, "value": too_long}


@st.composite
def lookup_programs(draw):
    values = draw(nonempty_value_lists)
    probes = draw(st.lists(st.one_of(st.sampled_from(values), list_values), min_size=1,
                           max_size=4))
    return {"values": tuple(values), "probes": tuple(probes)}


@st.composite
def bounds_programs(draw):
    values = draw(nonempty_value_lists)
    from_end = draw(st.integers(1, len(values)))
    return {"values": tuple(values), "beyond": draw(st.sampled_from([0, 0, 1, 7])),
            "from_end": from_end, "replacement": draw(fitting(room(values[-from_end]))),
            "slice": draw(st.tuples(st.integers(-3, 10), st.integers(-3, 10)))}


SHARERS = ("name", "pickle")  # sharer 0 attaches by name, sharer 1 unpickles the parent's list


@st.composite
def list_sharing_programs(draw):
    """Initial values; for each sharer, writes to positions it alone owns; then the parent's
    writes (anywhere).  Every value fits the slot allocated for the initial value there."""
    initial = draw(nonempty_value_lists)
    rooms = [room(value) for value in initial]
    owners = draw(st.lists(st.sampled_from([None, 0, 1]), min_size=len(initial),
                           max_size=len(initial)))
    sharer_writes = tuple(
        tuple((position, draw(fitting(rooms[position])))
              for position, owner in enumerate(owners) if owner == sharer)
        for sharer in range(len(SHARERS)))
    positions = draw(st.lists(st.integers(0, len(initial) - 1), min_size=1,
                              max_size=scaled(4)))
    parent_writes = tuple((position, draw(fitting(rooms[position]))) for position in positions)
    return {"initial": tuple(initial), "sharer_writes": sharer_writes,
            "parent_writes": parent_writes}


# --- explicit large examples: full blocks of several pages, lists holding more than 64 KiB ---

LARGE_BLOCK = 16 * mmap.PAGESIZE + 123
LARGE_SIZES = [LARGE_BLOCK, 3 * mmap.PAGESIZE, 1]
# Regions from the first byte to the last, with LARGE_GAP bytes no attacher writes before each
# inner boundary: explicit examples run first and a failing one ends the search, so with no such
# byte here a bug that changes bytes nobody wrote could never be seen as outside-changed (it
# changes written bytes too, and this example would fail without it).
LARGE_GAP = 8
LARGE_SHARING = {
    "size": LARGE_BLOCK, "pattern": b"the creator wrote this; ",
    "regions": ((0, LARGE_BLOCK // 4 - LARGE_GAP),
                (LARGE_BLOCK // 4, LARGE_BLOCK // 2 - LARGE_GAP),
                (LARGE_BLOCK // 2, 3 * LARGE_BLOCK // 4 - LARGE_GAP),
                (3 * LARGE_BLOCK // 4, LARGE_BLOCK)),
    "masks": (0x01, 0x5A, 0xA5, 0xFF),
}
# 320 strings of 200 characters (208 bytes of room each) and 40 values of the other types: more
# than 64 KiB of data in 360 items.
LARGE_VALUES = tuple([f"{i:04d}".ljust(200, "abcdefgh"[i % 8]) for i in range(320)]
                     + [value for i in range(8)
                        for value in (i - 2**62, i / 7, bool(i % 2), None, bytes([65 + i]) * 9)])


def replacement(value, position):
    """A value of the same kind as ``value`` that fits its slot and differs from it."""
    if isinstance(value, str):
        return f"w{position:04d}".ljust(150, "z")
    if isinstance(value, bytes):
        return b"w" * len(value)
    if isinstance(value, bool) or value is None:
        return None if value is not None else True
    return -value - 1 if isinstance(value, int) else value * 2 + 1


LARGE_LIST_SHARING = {
    "initial": LARGE_VALUES,
    "sharer_writes": tuple(
        tuple((position, replacement(LARGE_VALUES[position], position))
              for position in range(sharer, len(LARGE_VALUES), 3))
        for sharer in range(len(SHARERS))),
    "parent_writes": tuple((position, replacement(LARGE_VALUES[position], position))
                           for position in range(2, len(LARGE_VALUES), 3)),
}


# --- SharedMemory ---------------------------------------------------------------------------

CREATED = OutcomeTable(
    unit="blocks created without a name",
    acceptable={"spans": "a name of its own, at least the requested size, and a buf of size "
                         "bytes that keeps what was written to it end to end"},
    forbidden={"no-name": "name is not a non-empty str",
               "too-small": "size is less than requested",
               "buf-mismatch": "buf is not a memoryview of exactly size bytes",
               "same-name": "another block created without a name has the same name",
               "overwritten": "its bytes are not what was written through its buf"},
)


@invariant(sizes=st.lists(block_sizes, min_size=2, max_size=3))
@example(sizes=LARGE_SIZES)
def test_created_blocks_are_distinct_and_span_their_size(target, sizes):
    """A block created without a name gets a name of its own, a ``size`` of at least the
    requested bytes and a ``buf`` exactly ``size`` bytes long, writable end to end.

    Docs: multiprocessing.shared_memory — SharedMemory (name: "a novel name will be
    generated"; size: "may be larger or equal to the size requested"; buf: "a memoryview of
    contents of the shared memory block").
    Promises: SHM-1.
    """
    sm = shared_memory_of(target)
    outcomes = CREATED.counter()
    with Blocks(sm) as blocks:
        with judged(f"SharedMemory(create=True, size=...) for sizes {sizes}"):
            made = [blocks.keep(sm.SharedMemory(create=True, size=size)) for size in sizes]
            seen = [(block.name, block.size, block.buf) for block in made]
        written, names = {}, {}
        for index, (size, (name, their_size, buf)) in enumerate(zip(sizes, seen)):
            what = f"block {index} (asked for {size} bytes)"
            if not isinstance(name, str) or not name:
                outcomes.observe("no-name", f"{what}: name {name!r}")
            elif name in names:
                outcomes.observe("same-name", f"{what} and block {names[name]} are both {name!r}")
            elif their_size < size:
                outcomes.observe("too-small", f"{what}: size {their_size}")
            elif not isinstance(buf, memoryview) or len(buf) != their_size:
                outcomes.observe("buf-mismatch", f"{what}: buf is a {type(buf).__name__} of "
                                                 f"{len(buf)} bytes, size says {their_size}")
            else:
                names[name] = index
                written[index] = tiled(f"block {index} ".encode(), their_size)
                with judged(f"writing all {their_size} bytes of {what}"):
                    buf[:] = written[index]
        with judged("reading the blocks back"):
            kept = {index: bytes(seen[index][2]) for index in written}
    for index, data in written.items():
        outcomes.expect(kept[index] == data, "overwritten",
                        f"block {index}: {first_difference(kept[index], data)}", "spans")
    outcomes.verdict()


@invariant(negative=st.integers(max_value=-1))
def test_bad_sizes_and_missing_names_are_refused(target, negative):
    """A zero size when creating, a negative size (creating or attaching), and no name when not
    creating all raise ValueError.

    Docs: multiprocessing.shared_memory — SharedMemory (name: "when creating a new shared memory
    block, if None (the default) is supplied for the name, a novel name will be generated";
    size: "the requested number of bytes"; the ValueError is CPython's, not documented).
    Promises: SHM-2, SHM-3.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        existing = blocks.keep(sm.SharedMemory(create=True, size=16))
        refused = {
            "SharedMemory(create=True, size=0)": lambda: sm.SharedMemory(create=True, size=0),
            f"SharedMemory(create=True, size={negative})":
                lambda: sm.SharedMemory(create=True, size=negative),
            f"SharedMemory(<existing name>, size={negative})":
                lambda: sm.SharedMemory(existing.name, size=negative),
            "SharedMemory() (no name, not creating)": lambda: sm.SharedMemory(),
            "SharedMemory(None, create=False, size=16)":
                lambda: sm.SharedMemory(None, create=False, size=16),
        }
        for what, call in refused.items():
            expect_raises(ValueError, lambda call=call: blocks.keep(call()), what)


def test_attaching_a_missing_name_raises_file_not_found(target):
    """Attaching (``create=False``) to a name no block has raises FileNotFoundError, with or
    without a size.

    Docs: multiprocessing.shared_memory — SharedMemory (create: "whether a new shared memory
    block is created (True) or an existing shared memory block is attached (False)"; the
    exception is the OS's "no such file").
    Promises: SHM-4.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        name = blocks.add(new_name())
        expect_raises(FileNotFoundError, lambda: blocks.keep(sm.SharedMemory(name)),
                      f"SharedMemory({name!r}) with no such block")
        expect_raises(FileNotFoundError, lambda: blocks.keep(sm.SharedMemory(name, size=64)),
                      f"SharedMemory({name!r}, size=64) with no such block")


TAKEN_NAME = OutcomeTable(
    unit="blocks whose name a later creation asked for",
    acceptable={"intact": "kept its bytes, its size and its name"},
    forbidden={"clobbered": "its bytes or its size changed, or its name no longer exists"},
)


def test_creating_a_taken_name_raises_file_exists(target):
    """Creating a block under a name another block has raises FileExistsError and leaves that
    block as it was: its bytes, its size, and its name, which still exists.

    Docs: multiprocessing.shared_memory — SharedMemory ("each shared memory block is assigned a
    unique name"; create: "a new shared memory block is created").
    Promises: SHM-5.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        with judged("creating a named block and writing it"):
            first = blocks.keep(sm.SharedMemory(blocks.add(new_name()), create=True, size=32))
            first.buf[:4] = b"mine"
            size = first.size
        expect_raises(FileExistsError,
                      lambda: blocks.keep(sm.SharedMemory(first.name, create=True, size=64)),
                      f"SharedMemory({first.name!r}, create=True) on a taken name")
        with judged("reading the first block again"):
            after = (bytes(first.buf[:4]), first.size)
        # Asked of the OS: the refused creation's error path may have unlinked the name.
        named = block_exists(first.name) if os.name == "posix" else True
    outcomes = TAKEN_NAME.counter()
    outcomes.expect(after == (b"mine", size), "clobbered",
                    f"the first block now starts {after[0]!r} with size {after[1]}, was "
                    f"b'mine' with size {size}", "intact")
    outcomes.expect(named, "clobbered", f"the first block's name {first.name!r} no longer "
                                        f"exists", "intact")
    outcomes.verdict()


ATTACH_SIZE = OutcomeTable(
    unit="attachments given a size",
    acceptable={"block-size": "size and buf length are the block's"},
    forbidden={"size-checked": "attaching raised: the size argument was not ignored",
               "other-size": "size or buf length differs from the block's"},
)


@invariant(size=block_sizes, asked=st.integers(0, 4 * mmap.PAGESIZE))
def test_attaching_ignores_the_size_argument(target, size, asked):
    """An attacher's ``size`` is the block's size, whatever size it passed; its ``buf`` spans it.

    Docs: multiprocessing.shared_memory — SharedMemory (size: "when attaching to an existing
    shared memory block, the size parameter is ignored").
    Promises: SHM-6.
    """
    sm = shared_memory_of(target)
    outcomes = ATTACH_SIZE.counter()
    with Blocks(sm) as blocks:
        block = blocks.keep(sm.SharedMemory(create=True, size=size))
        try:
            attached = sm.SharedMemory(block.name, size=asked)
        except Exception as exc:  # counted: the size must be ignored, so nothing may raise
            outcomes.observe("size-checked", f"attaching with size={asked} to a block of "
                                             f"{block.size} raised {type(exc).__name__}: {exc}")
        else:
            with judged("the attached instance's size and buf"):
                seen = (attached.size, len(attached.buf))
            outcomes.expect(seen == (block.size, block.size), "other-size",
                            f"attached with size={asked} to a block of {block.size}: size "
                            f"{seen[0]}, buf {seen[1]} bytes", "block-size")
    outcomes.verdict()


SHARED_BYTES = OutcomeTable(
    unit="regions, each read by its attacher and then by the creator, and the bytes outside them",
    acceptable={"shared": "the attacher read the creator's bytes, the creator read back the "
                          "attacher's",
                "untouched": "bytes no attacher wrote kept the creator's"},
    forbidden={"attacher-missed": "the attacher read other bytes than the creator wrote",
               "creator-missed": "the creator did not read what the attacher wrote",
               "other-size": "the attacher's size or buf length differs from the block's",
               "outside-changed": "bytes no attacher wrote changed"},
)


@invariant(program=sharing_programs())
@example(program=LARGE_SHARING)
def test_attachers_and_creator_see_each_others_bytes(target, program):
    """Processes that attach by name see the whole block as the creator wrote it, and the
    creator sees what each wrote, region by region, while other regions keep the creator's bytes.

    Docs: multiprocessing.shared_memory — SharedMemory ("a different process can attach to that
    same shared memory block using that same name"); How to share data between two distinct
    Python processes.
    Promises: SHM-7, SHM-6.
    """
    sm = shared_memory_of(target)
    size = program["size"]
    creator_wrote = tiled(program["pattern"], size)
    plans = [(start, flipped(creator_wrote[start:end], mask))
             for (start, end), mask in zip(program["regions"], program["masks"])]
    with Blocks(sm) as blocks, target.scenario() as s:
        with judged(f"creating a block of {size} bytes and writing all of it"):
            block = blocks.keep(sm.SharedMemory(create=True, size=size))
            block.buf[:size] = creator_wrote
        seen = s.run(actors.attach_read_write, plans, role="attacher",
                     stuck_in="SharedMemory attach, read and write",
                     extra_args=(sm.SharedMemory, block.name))
        with judged("the creator reading the block back"):
            creator_reads = bytes(block.buf[:size])
            creator_size = block.size
    outcomes = SHARED_BYTES.counter()
    expected = bytearray(creator_wrote)
    for attacher, ((offset, data), (their_size, buf_length, before)) in enumerate(
            zip(plans, seen)):
        end = offset + len(data)
        expected[offset:end] = data
        region = f"attacher {attacher}, region [{offset}, {end})"
        if their_size != creator_size or buf_length != creator_size:
            outcomes.observe("other-size", f"{region}: size {their_size}, buf {buf_length}, "
                                           f"the block's {creator_size}")
        elif before != creator_wrote[offset:end]:
            outcomes.observe("attacher-missed",
                             f"{region}: {first_difference(before, creator_wrote[offset:end])}")
        elif creator_reads[offset:end] != data:
            outcomes.observe("creator-missed",
                             f"{region}: {first_difference(creator_reads[offset:end], data)}")
        else:
            outcomes.observe("shared")
    written = {offset for start, data in plans for offset in range(start, start + len(data))}
    outside = [offset for offset in range(size) if offset not in written
               and creator_reads[offset] != expected[offset]]
    outcomes.expect(not outside, "outside-changed",
                    f"{len(outside)} bytes no attacher wrote changed, first at +"
                    f"{outside[0] if outside else 0}", "untouched")
    outcomes.verdict()


NAMES = OutcomeTable(
    unit="instances of a block created under a name",
    acceptable={"same-name": "reports exactly the name it was created under"},
    forbidden={"other-name": "reports another name"},
)


@invariant(stem=name_stems)
def test_a_named_block_reports_its_name(target, stem):
    """A block created under a name reports exactly that name (no leading slash), and so does
    an instance attached by it.

    Docs: multiprocessing.shared_memory — SharedMemory (name: "the unique name for the requested
    shared memory, specified as a string"; name: "read-only access to the unique name of the
    shared memory block").
    Promises: SHM-8.
    """
    sm = shared_memory_of(target)
    name = f"mpc{stem}{secrets.token_hex(3)}"
    with Blocks(sm) as blocks:
        with judged(f"creating and attaching {name!r}"):
            block = blocks.keep(sm.SharedMemory(blocks.add(name), create=True, size=16))
            attached = sm.SharedMemory(name)
            reported = {"created": block.name, "attached": attached.name}
    outcomes = NAMES.counter()
    for how, their_name in reported.items():
        outcomes.expect(their_name == name, "other-name",
                        f"{how} as {name!r}, reports {their_name!r}", "same-name")
    outcomes.verdict()


READ_ONLY = OutcomeTable(
    unit="assignments to name and size, and the values read after them",
    acceptable={"refused": "the assignment raised AttributeError",
                "unchanged": "name and size kept their values"},
    forbidden={"returned": "the assignment returned instead of raising",
               "raised-other": "the assignment raised something else than AttributeError",
               "changed": "name or size changed"},
)


def test_name_and_size_are_read_only(target):
    """Assigning ``name`` or ``size`` raises AttributeError and changes neither.

    Both are judged together: an assignment that is accepted is seen to return and, read back,
    to have changed the value (judging it on its return alone would leave ``changed`` to the
    rare bug that raises and changes anyway).

    Docs: multiprocessing.shared_memory — SharedMemory (name: "read-only access to the unique
    name of the shared memory block"; size: "read-only access to size in bytes of the shared
    memory block").
    Promises: SHM-9.
    """
    sm = shared_memory_of(target)
    outcomes = READ_ONLY.counter()
    with Blocks(sm) as blocks:
        block = blocks.keep(sm.SharedMemory(create=True, size=32))
        name, size = block.name, block.size
        for attribute, value in (("name", new_name()), ("size", 2 * size)):
            what = f"assigning SharedMemory.{attribute} = {value!r}"
            try:
                setattr(block, attribute, value)
            except AttributeError:
                outcomes.observe("refused")
            except Exception as exc:  # counted: only AttributeError is the promised refusal
                outcomes.observe("raised-other", f"{what} raised {type(exc).__name__}: {exc}")
            else:
                outcomes.observe("returned", f"{what} returned")
        with judged("reading name and size after the assignments"):
            after = (block.name, block.size)
    outcomes.expect(after == (name, size), "changed",
                    f"name and size became {after}, were {(name, size)}", "unchanged")
    outcomes.verdict()


CLOSED = OutcomeTable(
    unit="observations after one instance's close()",
    acceptable={"as-documented": "only the closed instance lost its access"},
    forbidden={"buf-kept": "the closed instance's buf is not None",
               "lost-bytes": "another instance no longer reads the block's bytes",
               "unlinked-by-close": "the block could not be attached after close()",
               "not-shared": "an instance attached after close() does not see another's write"},
)


def test_close_ends_only_this_instances_access(target):
    """After ``close()`` (which may be repeated) the instance's ``buf`` is None, while other
    instances still read and write the block and the block can still be attached by name; it
    may then be unlinked.

    Docs: multiprocessing.shared_memory — SharedMemory.close ("closes access to the shared
    memory from this instance"; "calling close() does not cause the shared memory block itself
    to be destroyed", 3.9–3.12 wording); SharedMemory.unlink ("unlink() and close() can be
    called in any order").
    Promises: SHM-10, SHM-12.
    """
    sm = shared_memory_of(target)
    outcomes = CLOSED.counter()
    with Blocks(sm) as blocks:
        with judged("creating, attaching, writing and closing the creator twice"):
            creator = blocks.keep(sm.SharedMemory(create=True, size=64))
            other = sm.SharedMemory(creator.name)
            creator.buf[:6] = b"before"
            creator.close()
            buf_after_close = creator.buf
            creator.close()
            other_reads = bytes(other.buf[:6])
            other.buf[:5] = b"after"
        outcomes.expect(buf_after_close is None, "buf-kept",
                        f"buf after close() is {buf_after_close!r}", "as-documented")
        outcomes.expect(other_reads == b"before", "lost-bytes",
                        f"another instance reads {other_reads!r} after the creator's close()",
                        "as-documented")
        try:
            later = sm.SharedMemory(creator.name)
        except FileNotFoundError as exc:
            outcomes.observe("unlinked-by-close", f"attaching after the creator's close() "
                                                  f"raised {exc}")
        else:
            with judged("reading through an instance attached after close()"):
                later_reads = bytes(later.buf[:5])
                later.close()
            outcomes.expect(later_reads == b"after", "not-shared",
                            f"an instance attached after close() reads {later_reads!r}",
                            "as-documented")
            with judged("closing the other instance, then unlink() after close()"):
                other.close()
                creator.unlink()
    outcomes.verdict()


# SharedMemory.unlink: "This method has no effect on Windows, where the only way to delete a
# shared memory block is to close all handles."  So on Windows the name stays attachable while
# handles are open, and a second unlink() is as harmless as the first.
UNLINK_REMOVES_THE_NAME = {"posix": True, "nt": False}


def test_unlink_removes_the_name(target):
    """After ``unlink()`` (before or after ``close()``) the name can no longer be attached, and
    a second ``unlink()`` raises FileNotFoundError (POSIX; on Windows unlink does nothing).

    Docs: multiprocessing.shared_memory — SharedMemory.unlink ("requests that the underlying
    shared memory block be destroyed", "should be called once (and only once)", 3.9–3.12
    wording; "unlink() and close() can be called in any order"; "no effect on Windows").
    Promises: SHM-11, SHM-12.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        creator = blocks.keep(sm.SharedMemory(create=True, size=32))
        other = sm.SharedMemory(creator.name)
        with judged("unlink() before close()"):
            creator.unlink()
        if UNLINK_REMOVES_THE_NAME[os.name]:
            expect_raises(FileNotFoundError, lambda: blocks.keep(sm.SharedMemory(creator.name)),
                          "attaching by name after unlink()")
            with judged("close() after unlink()"):
                other.close()
                creator.close()
            expect_raises(FileNotFoundError, creator.unlink, "a second unlink()")
        else:
            with judged("attaching on Windows after unlink(), and a second unlink()"):
                sm.SharedMemory(creator.name).close()
                creator.unlink()


PICKLED = OutcomeTable(
    unit="blocks unpickled in another process",
    acceptable={"same-block": "the same name, the creator's bytes, and its writes seen by the "
                              "creator"},
    forbidden={"other-name": "the unpickled block has another name",
               "not-creators-bytes": "the unpickled block does not hold the creator's bytes",
               "not-shared": "the creator does not see what the unpickled block wrote"},
)


def test_pickled_block_reattaches_in_another_process(target):
    """A SharedMemory pickled and unpickled in another process is the same block: same name,
    the creator's bytes, and its writes seen by the creator.

    Docs: multiprocessing.shared_memory — ShareableList (the pickling example: "ShareableList
    (and underlying SharedMemory) objects can be pickled and unpickled if needed. Note, that it
    will still be the same shared object").
    Promises: SHM-14.
    """
    sm = shared_memory_of(target)
    size = LARGE_BLOCK
    creator_wrote = tiled(b"pickled-", size)
    start, end = mmap.PAGESIZE // 2, size - 7  # past the first page, to near the end
    plan = (start, flipped(creator_wrote[start:end], 0x5A))
    with Blocks(sm) as blocks, target.scenario() as s:
        with judged(f"creating, writing and pickling a block of {size} bytes"):
            block = blocks.keep(sm.SharedMemory(create=True, size=size))
            block.buf[:size] = creator_wrote
            blob = pickle.dumps(block)
        ((name, _, _, before),) = s.run(actors.unpickle_read_write, [plan], role="unpickler",
                                        stuck_in="unpickling and using a SharedMemory",
                                        extra_args=(blob,))
        with judged("the creator reading the block back"):
            creator_reads = bytes(block.buf[start:end])
    outcomes = PICKLED.counter()
    if name != block.name:
        outcomes.observe("other-name", f"unpickled as {name!r}, pickled {block.name!r}")
    elif before != creator_wrote[start:end]:
        outcomes.observe("not-creators-bytes",
                         first_difference(before, creator_wrote[start:end]))
    else:
        outcomes.expect(creator_reads == plan[1], "not-shared",
                        f"the creator reads [{start}, {end}) as before the unpickled block's "
                        f"write: {first_difference(creator_reads, plan[1])}", "same-block")
    outcomes.verdict()


def run_leaking_interpreter(target, name, track):
    """Run a fresh interpreter (so with its own resource tracker) in which a child started with
    the target's method creates block ``name`` and exits without unlinking it.  Returns once
    that interpreter has exited and closed its output, which its resource tracker shares: by
    then the tracker has finished whatever cleanup it does."""
    call = (f"leak_from_child({target.module.__name__!r}, {target.method!r}, {name!r}, "
            f"{track!r})")
    command = [sys.executable, "-c",
               f"from conformance.actors.shared_memory import leak_from_child; {call}"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
    try:
        completed = subprocess.run(command, capture_output=True, text=True, env=env,
                                   timeout=target.deadline)
    except subprocess.TimeoutExpired as exc:
        raise Stuck(f"a fresh interpreter running {call} did not finish in "
                    f"{target.deadline:g} s", stuck_in=call) from exc
    if completed.returncode != 0:
        raise RuntimeError(f"a fresh interpreter running {call} exited with code "
                           f"{completed.returncode}:\n{completed.stderr[-3000:]}")


TRACKED = OutcomeTable(
    unit="blocks leaked by a program whose processes all exited",
    acceptable={"unlinked": "the resource tracker unlinked it"},
    forbidden={"leaked": "it still exists after the program and its tracker exited"},
)


@pytest.mark.requires("resource_tracker")
def test_resource_tracker_unlinks_a_leaked_block_at_exit(target):
    """A block created with tracking (the default) by a process that exits without unlinking
    it is unlinked by the resource tracker once every process of that program has exited.

    Docs: multiprocessing.shared_memory — SharedMemory (track: "the resource tracker ensures
    proper cleanup of the shared memory even if all other processes with access to the memory
    exit without doing so"); multiprocessing — Contexts and start methods (resource tracker).
    Promises: SHM-15.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        name = blocks.add(new_name())
        run_leaking_interpreter(target, name, track=None)
        end = time.monotonic() + target.deadline  # liveness allowance for a lagging tracker
        while block_exists(name) and time.monotonic() < end:
            time.sleep(0.01)
        leaked = block_exists(name)
    outcomes = TRACKED.counter()
    outcomes.expect(not leaked, "leaked", f"block {name!r}, leaked by a process that exited, "
                                          f"still exists", "unlinked")
    outcomes.verdict()


UNTRACKED = OutcomeTable(
    unit="blocks created with track=False by a program whose processes all exited",
    acceptable={"kept": "the block still exists"},
    forbidden={"unlinked": "the block was unlinked when its creator's program exited"},
)


@pytest.mark.requires("shared_memory_track")
def test_untracked_block_outlives_its_creator(target):
    """A block created with ``track=False`` is left alone by the resource tracker: it still
    exists after every process of the program that created it has exited.

    Docs: multiprocessing.shared_memory — SharedMemory (track, added in 3.13: "when True,
    register the shared memory block with a resource tracker process"; processes "should set
    track to False when there is already another process in place that does the bookkeeping").
    Promises: SHM-13.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        name = blocks.add(new_name())
        run_leaking_interpreter(target, name, track=False)
        kept = block_exists(name)
    outcomes = UNTRACKED.counter()
    outcomes.expect(kept, "unlinked", f"block {name!r}, created with track=False, was unlinked "
                                      f"when its creator exited", "kept")
    outcomes.verdict()


# --- ShareableList --------------------------------------------------------------------------

ROUND_TRIP = OutcomeTable(
    unit="ShareableList instances read back",
    acceptable={"as-made": "every value with its type, the length, the block and the format "
                           "as made"},
    forbidden={"misread": "a value or its type differs from what the list was made from",
               "other-length": "len() differs from the number of values",
               "other-block": "an instance attached by name is on another block",
               "bad-format": "format is not a struct format of the stored values"},
)


@invariant(values=value_lists)
@example(values=LARGE_VALUES)
def test_list_values_round_trip(target, values):
    """A ShareableList returns every value it was made from, with its type (int, float, bool,
    str, bytes, None), through the creating instance and through one attached by name; its
    ``shm`` is the block that holds them and ``format`` their struct format.  An empty list works.

    Docs: multiprocessing.shared_memory — ShareableList (storable values: "int (signed
    64-bit)", "float", "bool", "str (less than 10M bytes each when encoded as UTF-8)", "bytes
    (less than 10M bytes each)", "None"; format: "the struct packing format used by all
    currently stored values"; shm: "the SharedMemory instance where the values are stored").
    Promises: SL-1, SL-9, SL-12.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        with judged(f"ShareableList(<{len(values)} values>), attaching it by name, reading "
                    f"both, and ShareableList()"):
            shared = blocks.keep_list(sm.ShareableList(values))
            attached = sm.ShareableList(name=shared.shm.name)
            reads = {"the creating list": (list(shared), len(shared)),
                     "a list attached by name": (list(attached), len(attached))}
            names = (shared.shm.name, attached.shm.name)
            stored_format = shared.format
            empty = blocks.keep_list(sm.ShareableList())
            reads["ShareableList()"] = (list(empty), len(empty))
    outcomes = ROUND_TRIP.counter()
    for what, (read, length) in reads.items():
        expected = [] if what == "ShareableList()" else values
        if typed(read) != typed(expected):
            outcomes.observe("misread", f"{what}: {list_difference(read, expected)}")
        else:
            outcomes.expect(length == len(expected), "other-length",
                            f"{what}: len() is {length} for {len(expected)} values", "as-made")
    outcomes.expect(names[1] == names[0], "other-block",
                    f"attached to {names[1]!r}, not {names[0]!r}", "as-made")
    try:
        format_size = struct.calcsize(stored_format)
    except (struct.error, TypeError) as exc:
        outcomes.observe("bad-format", f"format {stored_format!r}: {exc}")
    else:
        outcomes.expect(format_size >= len(values), "bad-format",
                        f"format {stored_format!r} packs {format_size} bytes for "
                        f"{len(values)} values", "as-made")
    outcomes.verdict()


UNCHANGED_BY_REFUSAL = OutcomeTable(
    unit="lists after a refused assignment",
    acceptable={"unchanged": "every item kept its value and type"},
    forbidden={"changed": "an item's value or type changed"},
)


@invariant(program=oversize_programs())
def test_oversized_assignment_is_refused_and_keeps_the_old_value(target, program):
    """Assigning a str or bytes longer than the storage allocated at creation raises ValueError
    and leaves the item, and every other item, as it was.

    Docs: multiprocessing.shared_memory — ShareableList (example: assigning a longer str
    raises ValueError "exceeds available storage").
    Promises: SL-3.
    """
    sm = shared_memory_of(target)
    values, position, value = program["values"], program["position"], program["value"]
    with Blocks(sm) as blocks:
        shared = blocks.keep_list(sm.ShareableList(values))
        expect_raises(ValueError, lambda: shared.__setitem__(position, value),
                      f"storing {type(value).__name__} of {len(value)} in slot {position} "
                      f"(room {room(values[position])} bytes)")
        with judged("reading the list after the refused assignment"):
            after = list(shared)
    outcomes = UNCHANGED_BY_REFUSAL.counter()
    outcomes.expect(typed(after) == typed(values), "changed",
                    f"after the refused assignment: {list_difference(after, values)}",
                    "unchanged")
    outcomes.verdict()


UNSUPPORTED = OutcomeTable(
    unit="lists after a refused assignment of an unsupported value",
    acceptable={"unchanged": "every item kept its value and type"},
    forbidden={"changed": "an item's value or type changed"},
)


@invariant(values=nonempty_value_lists, unsupported=unsupported_values, big=oversized_ints)
def test_unsupported_values_are_refused(target, values, unsupported, big):
    """A value of a type ShareableList does not store raises KeyError, at creation and on
    assignment; an int outside the signed 64-bit range assigned to an int item raises
    struct.error; a refused assignment leaves the list as it was.

    Docs: multiprocessing.shared_memory — ShareableList ("Constrains storable values to only
    the int (signed 64-bit), float, bool, str ..., bytes ..., and None built-in data types");
    the KeyError and struct.error are CPython's.  An out-of-range int at creation is left out:
    CPython has then already created the block, which it leaks.
    Promises: SL-7.
    """
    sm = shared_memory_of(target)
    model = [*values, 0]  # the last item is an int
    with Blocks(sm) as blocks:
        expect_raises(KeyError, lambda: blocks.keep_list(sm.ShareableList([*values,
                                                                             unsupported])),
                      f"ShareableList(<{len(values)} values and a "
                      f"{type(unsupported).__name__}>)")
        shared = blocks.keep_list(sm.ShareableList(model))
        position = len(values) // 2
        expect_raises(KeyError, lambda: shared.__setitem__(position, unsupported),
                      f"assigning a {type(unsupported).__name__} to item {position}")
        expect_raises(struct.error, lambda: shared.__setitem__(-1, big),
                      f"assigning {big} to an int item")
        with judged("reading the list after the refused assignments"):
            after = list(shared)
    outcomes = UNSUPPORTED.counter()
    outcomes.expect(typed(after) == typed(model), "changed",
                    f"after the refused assignments: {list_difference(after, model)}",
                    "unchanged")
    outcomes.verdict()


LOOKUPS = OutcomeTable(
    unit="count() and index() calls",
    acceptable={"as-a-list": "the same answer a list of the same values gives"},
    forbidden={"wrong-count": "count(v) differs from the list's",
               "wrong-index": "index(v) differs from the list's"},
)


@invariant(program=lookup_programs())
def test_index_and_count_agree_with_a_list(target, program):
    """``index(v)`` is the first position of a value equal to v (ValueError if none) and
    ``count(v)`` how many are equal to v, as for a list of the same values.

    Docs: multiprocessing.shared_memory — ShareableList.count ("the number of occurrences of
    value"), ShareableList.index ("first index position of value. Raise ValueError if value is
    not present").
    Promises: SL-4.
    """
    sm = shared_memory_of(target)
    model = list(program["values"])
    outcomes = LOOKUPS.counter()
    with Blocks(sm) as blocks:
        shared = blocks.keep_list(sm.ShareableList(model))
        for probe in program["probes"]:
            with judged(f"count({probe!r})"):
                counted = shared.count(probe)
            outcomes.expect(counted == model.count(probe), "wrong-count",
                            f"count({probe!r}) is {counted}; the list has "
                            f"{model.count(probe)}", "as-a-list")
            if probe in model:
                with judged(f"index({probe!r})"):
                    found = shared.index(probe)
                outcomes.expect(found == model.index(probe), "wrong-index",
                                f"index({probe!r}) is {found}, not {model.index(probe)}",
                                "as-a-list")
            else:
                expect_raises(ValueError, lambda probe=probe: shared.index(probe),
                              f"index({probe!r}) of an absent value")
    outcomes.verdict()


FIXED_LENGTH = OutcomeTable(
    unit="reads of a list around refused and negative-index operations",
    acceptable={"as-a-list": "the values and length a list would have"},
    forbidden={"changed": "a refused assignment changed the list (an item's value or type, "
                          "or whether it can be read)",
               "misread": "a negative index read or wrote another item than a list's",
               "resized": "len() changed"},
)


@invariant(program=bounds_programs())
def test_fixed_length_bounds_and_no_slicing(target, program):
    """Reading or assigning an index at or past the end raises IndexError and changes nothing;
    negative indices count from the end; slicing raises TypeError; the length never changes
    and there is no ``append``.

    Docs: multiprocessing.shared_memory — ShareableList ("these lists can not change their
    overall length (i.e. no append, insert, etc.) and do not support the dynamic creation of new
    ShareableList instances via slicing"; the IndexError and TypeError are CPython's).
    Promises: SL-2, SL-5, SL-6.
    """
    # Indices below -len are left out: CPython does not check them (they read other items'
    # metadata, or raise struct.error, instead of raising IndexError).
    sm = shared_memory_of(target)
    model = list(program["values"])
    n, beyond, from_end = len(model), program["beyond"], program["from_end"]
    start, stop = program["slice"]
    outcomes = FIXED_LENGTH.counter()
    with Blocks(sm) as blocks:
        shared = blocks.keep_list(sm.ShareableList(model))
        expect_raises(IndexError, lambda: shared[n + beyond], f"reading [{n + beyond}] of {n}")
        expect_raises(IndexError, lambda: shared.__setitem__(n + beyond, None),
                      f"assigning [{n + beyond}] of {n}")
        # Read item by item: CPython's layout puts the first item's format just past the data,
        # where an out-of-range write lands, so a refusal that wrote anyway leaves that item
        # unreadable: that is the list changed, not a read under test that raised.
        after_refusal = items_read_one_by_one(shared, n)
        outcomes.expect(typed(after_refusal) == typed(model), "changed",
                        f"after the refused assignment: "
                        f"{list_difference(after_refusal, model)}", "as-a-list")
        outcomes.verdict()  # judged at once: what follows presumes the list as it was made
        with judged(f"reading and assigning [-{from_end}]"):
            read_from_end = shared[-from_end]
            shared[-from_end] = program["replacement"]
            after_assignment = list(shared)
        expect_raises(TypeError, lambda: shared[start:stop], f"reading [{start}:{stop}]")
        expect_raises(TypeError, lambda: shared.__setitem__(slice(start, stop), []),
                      f"assigning [{start}:{stop}]")
        expect_raises(AttributeError, lambda: shared.append(None), "append()")
        with judged("len()"):
            length = len(shared)
    outcomes.expect(repr(read_from_end) == repr(model[-from_end]), "misread",
                    f"[-{from_end}] reads {read_from_end!r}, not {model[-from_end]!r}",
                    "as-a-list")
    model[-from_end] = program["replacement"]
    outcomes.expect(typed(after_assignment) == typed(model), "misread",
                    f"after assigning [-{from_end}]: {list_difference(after_assignment, model)}",
                    "as-a-list")
    outcomes.expect(length == n, "resized", f"the length changed from {n} to {length}",
                    "as-a-list")
    outcomes.verdict()


SHARED_LISTS = OutcomeTable(
    unit="reads of the whole list",
    acceptable={"current": "showed every write made before it, with its type"},
    forbidden={"stale": "missed or garbled a write made before it",
               "other-block": "the sharer's list is not the creator's block",
               "resized": "len() differs from the length the list was made with"},
)


@invariant(program=list_sharing_programs())
@example(program=LARGE_LIST_SHARING)
def test_attached_lists_see_each_others_writes(target, program):
    """Lists attached in other processes, one by name and one unpickled, hold the creator's
    values; the creator then sees their writes (which may change an item's type), and they see
    the creator's later writes; the length never changes.

    Docs: multiprocessing.shared_memory — ShareableList ("when attaching to an existing
    ShareableList, specify its shared memory block's unique name while leaving sequence set to
    None"; the examples: "Changing data types is supported as well"; pickling: "it will still be
    the same shared object").
    Promises: SL-8, SL-11, SL-3, SL-2.
    """
    sm = shared_memory_of(target)
    initial = list(program["initial"])
    after_sharers = applied(initial, [w for writes in program["sharer_writes"] for w in writes])
    after_all = applied(after_sharers, program["parent_writes"])
    sharers = len(SHARERS)
    with Blocks(sm) as blocks, target.scenario() as s:
        with judged(f"ShareableList(<{len(initial)} values>) and pickling it"):
            shared = blocks.keep_list(sm.ShareableList(initial))
            handles = {"name": shared.shm.name, "pickle": pickle.dumps(shared)}
        board = s.board(actors.list_board_slots(sharers))
        started = [s.start(actors.share_list, sm.ShareableList, board, sharers, s.deadline,
                           (index, how, handles[how], writes), role=f"sharer by {how}")
                   for index, (how, writes) in enumerate(zip(SHARERS, program["sharer_writes"]))]
        for index in range(sharers):
            s.await_slot(board, actors.READ + index, 1, what=f"sharer {index} to read the list")
        board[actors.WRITE_NOW] = 1
        for index in range(sharers):
            s.await_slot(board, actors.wrote_slot(sharers, index), 1,
                         what=f"sharer {index} to write")
        with judged("the creator reading the sharers' writes and making its own"):
            creator_saw = list(shared)
            for position, value in program["parent_writes"]:
                shared[position] = value
        board[actors.PARENT_WROTE] = 1
        reports = s.join(started, stuck_in="ShareableList reads and writes")
        for report in reports:
            blocks.add(report["name"])
        with judged("len() of the creator's list"):
            creator_length = len(shared)
    outcomes = SHARED_LISTS.counter()
    for how, report in zip(SHARERS, reports):
        outcomes.expect(report["name"] == shared.shm.name, "other-block",
                        f"sharer by {how} is on {report['name']!r}", "current")
        for moment, read, expected in (("first", report["first"], initial),
                                       ("final", report["final"], after_all)):
            outcomes.expect(typed(read) == typed(expected), "stale",
                            f"sharer by {how}, {moment} read: {list_difference(read, expected)}",
                            "current")
        outcomes.expect(report["length"] == len(initial), "resized",
                        f"sharer by {how}: len() {report['length']}", "current")
    outcomes.expect(typed(creator_saw) == typed(after_sharers), "stale",
                    f"creator after the sharers wrote: "
                    f"{list_difference(creator_saw, after_sharers)}", "current")
    outcomes.expect(creator_length == len(initial), "resized",
                    f"creator: len() {creator_length}", "current")
    outcomes.verdict()


# --- SharedMemoryManager --------------------------------------------------------------------

MANAGER_SIZES = (100, 5000)
MANAGER_VALUES = (1, 2.5, "three", b"four", None, True)

MANAGED = OutcomeTable(
    unit="blocks made through the manager",
    acceptable={"ordinary-then-unlinked": "an ordinary block or list while the manager ran, "
                                          "unlinked once it shut down"},
    forbidden={"not-ordinary": "the manager returned something else than a SharedMemory of "
                               "at least the size asked, or a ShareableList of the values",
               "survived": "still attachable after the manager shut down"},
)


@pytest.mark.requires("shared_memory_manager")
def test_manager_unlinks_its_blocks_at_shutdown(target):
    """A started SharedMemoryManager hands out ordinary SharedMemory and ShareableList
    instances, also to a process that connects by address and authkey, and when its ``with``
    block ends every one of those blocks is unlinked: attaching to them raises FileNotFoundError.

    Docs: multiprocessing.shared_memory — SharedMemoryManager (":module:
    multiprocessing.managers"; shutdown() "triggers a unlink() call on all of the SharedMemory
    objects managed by that process"; address and authkey "may be used to connect to an existing
    SharedMemoryManager service from other processes"); How to use the SharedMemoryManager
    context manager ("the shared memory blocks created using that manager are all released when
    the with statement's code block finishes execution").
    Promises: SMM-1, SMM-2, SMM-3, SMM-4.
    """
    sm = shared_memory_of(target)
    manager_class = shared_memory_manager_of(target)
    authkey = secrets.token_bytes(16)
    outcomes = MANAGED.counter()
    with Blocks(sm) as blocks, target.scenario() as s:
        manager = manager_class(authkey=authkey, ctx=target.ctx)
        try:
            with judged("starting the manager, making a block and a list through it"):
                with manager:
                    block = blocks.keep(manager.SharedMemory(64))
                    shared = blocks.keep_list(manager.ShareableList(MANAGER_VALUES))
                    (names,) = s.run(actors.create_through_manager,
                                     [(MANAGER_SIZES, MANAGER_VALUES)], role="client",
                                     stuck_in="a SharedMemoryManager client",
                                     extra_args=(manager_class, manager.address, authkey))
                    for name in names:
                        blocks.add(name)
                    made = [block.name, shared.shm.name, *names]
                    handed_out = {"manager.SharedMemory(64)": (
                                      isinstance(block, sm.SharedMemory) and block.size >= 64,
                                      f"{type(block).__name__} of size {block.size}"),
                                  f"manager.ShareableList({MANAGER_VALUES})": (
                                      isinstance(shared, sm.ShareableList)
                                      and typed(shared) == typed(MANAGER_VALUES),
                                      f"{type(shared).__name__} reading {list(shared)}")}
                    block.close()
                    shared.shm.close()
        finally:
            shutdown_manager(manager)
        for call, (ordinary, returned) in handed_out.items():
            if not ordinary:
                outcomes.observe("not-ordinary", f"{call} returned {returned}")
        for name in made:
            try:
                sm.SharedMemory(name).close()
            except FileNotFoundError:
                outcomes.observe("ordinary-then-unlinked")
            else:
                outcomes.observe("survived", f"{name!r} survived shutdown")
    outcomes.verdict()
