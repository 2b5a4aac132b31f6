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
from hypothesis import strategies as st

from conformance.actors import shared_memory as actors
from conformance.harness.scenario import shutdown_manager
from conformance.invariants import invariant
from conformance.judge import Outcomes, Stuck, expect_raises, violation

pytestmark = pytest.mark.requires("shared_memory")

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


def await_signal(s, board, slot, children, *, what):
    """``s.await_slot(board, slot, 1)``, except that a child exiting first (it raised) fails the
    example at once with its traceback instead of after the whole deadline."""
    end = time.monotonic() + s.deadline
    while not board.wait_until(slot, 1, 0.05):
        exited = [child for child in children if child.process.exitcode is not None]
        if exited:
            s.join(exited, stuck_in=what)  # raises ChildFailed with what the child raised
            raise RuntimeError(f"{exited[0].describe()} exited before {what}")
        if time.monotonic() > end:
            s.await_slot(board, slot, 1, what=what)  # fails as Stuck, with the children's stacks


# --- strategies -----------------------------------------------------------------------------

block_sizes = st.integers(1, 3 * mmap.PAGESIZE)
byte_patterns = st.binary(min_size=1, max_size=32)
int64s = st.integers(-(2**63), 2**63 - 1)
name_stems = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
                     min_size=1, max_size=4)


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
value_lists = st.lists(list_values, max_size=10)
nonempty_value_lists = st.lists(list_values, min_size=1, max_size=8)


@st.composite
def sharing_programs(draw, max_attachers=3):
    """A block size, the creator's byte pattern, and disjoint regions that attachers rewrite
    (each with a nonzero XOR mask, so every written byte differs from the creator's)."""
    size = draw(st.integers(8, 3 * mmap.PAGESIZE))
    attachers = draw(st.integers(1, max_attachers))
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
    positions = draw(st.lists(st.integers(0, len(initial) - 1), min_size=1, max_size=4))
    parent_writes = tuple((position, draw(fitting(rooms[position]))) for position in positions)
    return {"initial": tuple(initial), "sharer_writes": sharer_writes,
            "parent_writes": parent_writes}


# --- SharedMemory ---------------------------------------------------------------------------


@invariant(sizes=st.lists(block_sizes, min_size=2, max_size=3))
def test_created_blocks_are_distinct_and_span_their_size(target, sizes):
    """A block created without a name gets a name of its own, a ``size`` of at least the
    requested bytes and a ``buf`` exactly ``size`` bytes long, writable end to end.

    Docs: multiprocessing.shared_memory — SharedMemory (name: "a novel name will be
    generated"; size: "may be larger or equal to the size requested"; buf: "a memoryview of
    contents of the shared memory block").
    Promises: SHM-1.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        made = [blocks.keep(sm.SharedMemory(create=True, size=size)) for size in sizes]
        for marker, (block, size) in enumerate(zip(made, sizes), start=1):
            assert isinstance(block.name, str) and block.name, f"name {block.name!r}"
            assert block.size >= size, f"asked for {size} bytes, size is {block.size}"
            assert isinstance(block.buf, memoryview), f"buf is {type(block.buf).__name__}"
            assert len(block.buf) == block.size, \
                f"buf holds {len(block.buf)} bytes, size says {block.size}"
            block.buf[0] = block.buf[block.size - 1] = marker
        names = [block.name for block in made]
        assert len(set(names)) == len(names), f"blocks created without a name share one: {names}"
        kept = [(block.buf[0], block.buf[block.size - 1]) for block in made]
        assert kept == [(m, m) for m in range(1, len(made) + 1)], \
            f"blocks overwrote each other's first/last bytes: {kept}"


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


def test_creating_a_taken_name_raises_file_exists(target):
    """Creating a block under a name another block has raises FileExistsError and leaves that
    block as it was.

    Docs: multiprocessing.shared_memory — SharedMemory ("each shared memory block is assigned a
    unique name"; create: "a new shared memory block is created").
    Promises: SHM-5.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        first = blocks.keep(sm.SharedMemory(blocks.add(new_name()), create=True, size=32))
        first.buf[:4] = b"mine"
        expect_raises(FileExistsError,
                      lambda: blocks.keep(sm.SharedMemory(first.name, create=True, size=64)),
                      f"SharedMemory({first.name!r}, create=True) on a taken name")
        assert bytes(first.buf[:4]) == b"mine", "the existing block changed"
        assert first.size >= 32, f"the existing block's size became {first.size}"


@invariant(size=block_sizes, asked=st.integers(0, 4 * mmap.PAGESIZE))
def test_attaching_ignores_the_size_argument(target, size, asked):
    """An attacher's ``size`` is the block's size, whatever size it passed; its ``buf`` spans it.

    Docs: multiprocessing.shared_memory — SharedMemory (size: "when attaching to an existing
    shared memory block, the size parameter is ignored").
    Promises: SHM-6.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        block = blocks.keep(sm.SharedMemory(create=True, size=size))
        try:
            attached = sm.SharedMemory(block.name, size=asked)
        except Exception as exc:  # the size argument was not ignored
            raise violation("size-checked", f"attaching with size={asked} to a block of "
                                            f"{block.size} raised {type(exc).__name__}: "
                                            f"{exc}") from exc
        assert attached.size == block.size, \
            f"attached with size={asked} to a block of {block.size}: size {attached.size}"
        assert len(attached.buf) == block.size, \
            f"attached with size={asked} to a block of {block.size}: buf {len(attached.buf)}"


@invariant(program=sharing_programs())
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
        block = blocks.keep(sm.SharedMemory(create=True, size=size))
        block.buf[:size] = creator_wrote
        seen = s.run(actors.attach_read_write, plans, role="attacher",
                     stuck_in="SharedMemory attach, read and write",
                     extra_args=(sm.SharedMemory, block.name))
        creator_reads = bytes(block.buf[:size])
        creator_size = block.size
    outcomes = Outcomes(
        unit="regions, each read by its attacher and then by the creator",
        acceptable={"shared": "the attacher read the creator's bytes, the creator read back "
                              "the attacher's"},
        forbidden={"attacher-missed": "the attacher read other bytes than the creator wrote",
                   "creator-missed": "the creator did not read what the attacher wrote",
                   "other-size": "the attacher's size or buf length differs from the block's"},
    )
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
    outcomes.verdict()
    assert creator_reads == bytes(expected), \
        f"bytes outside the attachers' regions changed: " \
        f"{first_difference(creator_reads, bytes(expected))}"


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
        block = blocks.keep(sm.SharedMemory(blocks.add(name), create=True, size=16))
        attached = sm.SharedMemory(name)
        assert block.name == name, f"created as {name!r}, reports {block.name!r}"
        assert attached.name == name, f"attached as {name!r}, reports {attached.name!r}"


def test_name_and_size_are_read_only(target):
    """Assigning ``name`` or ``size`` raises AttributeError and changes neither.

    Docs: multiprocessing.shared_memory — SharedMemory (name: "read-only access to the unique
    name of the shared memory block"; size: "read-only access to size in bytes of the shared
    memory block").
    Promises: SHM-9.
    """
    sm = shared_memory_of(target)
    with Blocks(sm) as blocks:
        block = blocks.keep(sm.SharedMemory(create=True, size=32))
        name, size = block.name, block.size
        for attribute, value in (("name", new_name()), ("size", 2 * size)):
            expect_raises(AttributeError,
                          lambda attribute=attribute, value=value: setattr(block, attribute,
                                                                           value),
                          f"assigning SharedMemory.{attribute}")
        assert (block.name, block.size) == (name, size), \
            f"name and size became {(block.name, block.size)}, were {(name, size)}"


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
    with Blocks(sm) as blocks:
        creator = blocks.keep(sm.SharedMemory(create=True, size=64))
        other = sm.SharedMemory(creator.name)
        creator.buf[:6] = b"before"
        creator.close()
        assert creator.buf is None, f"buf after close() is {creator.buf!r}"
        creator.close()
        assert bytes(other.buf[:6]) == b"before", "another instance lost the bytes at close()"
        other.buf[:5] = b"after"
        try:
            later = sm.SharedMemory(creator.name)
        except FileNotFoundError as exc:
            raise violation("unlinked-by-close", f"the block could not be attached after the "
                                                 f"creator's close(): {exc}") from exc
        assert bytes(later.buf[:5]) == b"after", \
            "an instance attached after close() does not see the other instance's write"
        later.close()
        other.close()
        creator.unlink()


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
        creator.unlink()
        if UNLINK_REMOVES_THE_NAME[os.name]:
            expect_raises(FileNotFoundError, lambda: blocks.keep(sm.SharedMemory(creator.name)),
                          "attaching by name after unlink()")
            other.close()
            creator.close()
            expect_raises(FileNotFoundError, creator.unlink, "a second unlink()")
        else:
            sm.SharedMemory(creator.name).close()
            creator.unlink()


def test_pickled_block_reattaches_in_another_process(target):
    """A SharedMemory pickled and unpickled in another process is the same block: same name,
    the creator's bytes, and its writes seen by the creator.

    Docs: multiprocessing.shared_memory — ShareableList (the pickling example: "ShareableList
    (and underlying SharedMemory) objects can be pickled and unpickled if needed. Note, that it
    will still be the same shared object").
    Promises: SHM-14.
    """
    sm = shared_memory_of(target)
    creator_wrote = tiled(b"pickled-", 256)
    plan = (64, flipped(creator_wrote[64:128], 0x5A))
    with Blocks(sm) as blocks, target.scenario() as s:
        block = blocks.keep(sm.SharedMemory(create=True, size=256))
        block.buf[:256] = creator_wrote
        ((name, _, _, before),) = s.run(actors.unpickle_read_write, [plan], role="unpickler",
                                        stuck_in="unpickling and using a SharedMemory",
                                        extra_args=(pickle.dumps(block),))
        creator_reads = bytes(block.buf[64:128])
        assert name == block.name, f"unpickled as {name!r}, pickled {block.name!r}"
    assert before == creator_wrote[64:128], \
        f"the unpickled block does not hold the creator's bytes: " \
        f"{first_difference(before, creator_wrote[64:128])}"
    assert creator_reads == plan[1], \
        f"the creator does not see the unpickled block's write: " \
        f"{first_difference(creator_reads, plan[1])}"


def run_leaking_interpreter(target, name, track):
    """Run a fresh interpreter (so with its own resource tracker) in which a child started with
    the target's method creates block ``name`` and exits without unlinking it.  Returns once
    that interpreter has exited and closed its output, which its resource tracker shares."""
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
        end = time.monotonic() + target.deadline  # liveness only: the tracker may lag its pipe
        while block_exists(name) and time.monotonic() < end:
            time.sleep(0.01)
        assert not block_exists(name), \
            f"block {name!r}, leaked by a process that exited, was never unlinked"


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
        assert block_exists(name), \
            f"block {name!r}, created with track=False, was unlinked when its creator exited"


# --- ShareableList --------------------------------------------------------------------------


@invariant(values=value_lists)
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
        shared = blocks.keep_list(sm.ShareableList(values))
        attached = sm.ShareableList(name=shared.shm.name)
        assert typed(shared) == typed(values), f"the list reads {typed(shared)}"
        assert typed(attached) == typed(values), f"an attached list reads {typed(attached)}"
        assert len(shared) == len(attached) == len(values), \
            f"lengths {len(shared)} and {len(attached)} for {len(values)} values"
        assert attached.shm.name == shared.shm.name, \
            f"attached to {attached.shm.name!r}, not {shared.shm.name!r}"
        assert isinstance(shared.format, str), f"format is {shared.format!r}"
        struct.calcsize(shared.format)
        empty = blocks.keep_list(sm.ShareableList())
        assert len(empty) == 0 and list(empty) == [], f"ShareableList() holds {list(empty)}"


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
        after = typed(shared)
    assert after == typed(values), f"after the refused assignment the list reads {after}, " \
                                   f"was {typed(values)}"


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
    with Blocks(sm) as blocks:
        shared = blocks.keep_list(sm.ShareableList(model))
        for probe in program["probes"]:
            assert shared.count(probe) == model.count(probe), \
                f"count({probe!r}) is {shared.count(probe)}; the list has {model.count(probe)}"
            if probe in model:
                assert shared.index(probe) == model.index(probe), \
                    f"index({probe!r}) is {shared.index(probe)}, not {model.index(probe)}"
            else:
                expect_raises(ValueError, lambda probe=probe: shared.index(probe),
                              f"index({probe!r}) of an absent value")


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
    with Blocks(sm) as blocks:
        shared = blocks.keep_list(sm.ShareableList(model))
        expect_raises(IndexError, lambda: shared[n + beyond], f"reading [{n + beyond}] of {n}")
        expect_raises(IndexError, lambda: shared.__setitem__(n + beyond, None),
                      f"assigning [{n + beyond}] of {n}")
        assert typed(shared) == typed(model), f"a refused assignment changed the list to " \
                                              f"{typed(shared)}"
        assert repr(shared[-from_end]) == repr(model[-from_end]), \
            f"[-{from_end}] reads {shared[-from_end]!r}, not {model[-from_end]!r}"
        shared[-from_end] = model[-from_end] = program["replacement"]
        assert typed(shared) == typed(model), f"after assigning [-{from_end}] the list reads " \
                                              f"{typed(shared)}, not {typed(model)}"
        expect_raises(TypeError, lambda: shared[start:stop], f"reading [{start}:{stop}]")
        expect_raises(TypeError, lambda: shared.__setitem__(slice(start, stop), []),
                      f"assigning [{start}:{stop}]")
        expect_raises(AttributeError, lambda: shared.append(None), "append()")
        assert len(shared) == n, f"the length changed from {n} to {len(shared)}"


@invariant(program=list_sharing_programs())
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
        shared = blocks.keep_list(sm.ShareableList(initial))
        handles = {"name": shared.shm.name, "pickle": pickle.dumps(shared)}
        board = s.board(actors.list_board_slots(sharers))
        started = [s.start(actors.share_list, sm.ShareableList, board, sharers, s.deadline,
                           (index, how, handles[how], writes), role=f"sharer by {how}")
                   for index, (how, writes) in enumerate(zip(SHARERS, program["sharer_writes"]))]
        for index in range(sharers):
            await_signal(s, board, actors.READ + index, started,
                         what=f"sharer {index} to read the list")
        board[actors.WRITE_NOW] = 1
        for index in range(sharers):
            await_signal(s, board, actors.wrote_slot(sharers, index), started,
                         what=f"sharer {index} to write")
        creator_saw = list(shared)
        for position, value in program["parent_writes"]:
            shared[position] = value
        board[actors.PARENT_WROTE] = 1
        reports = s.join(started, stuck_in="ShareableList reads and writes")
        for report in reports:
            blocks.add(report["name"])
        creator_length = len(shared)
    outcomes = Outcomes(
        unit="reads of the whole list",
        acceptable={"current": "showed every write made before it, with its type"},
        forbidden={"stale": "missed or garbled a write made before it",
                   "other-block": "the sharer's list is not the creator's block",
                   "resized": "len() differs from the length the list was made with"},
    )
    for how, report in zip(SHARERS, reports):
        outcomes.expect(report["name"] == shared.shm.name, "other-block",
                        f"sharer by {how} is on {report['name']!r}", "current")
        for moment, read, expected in (("first", report["first"], initial),
                                       ("final", report["final"], after_all)):
            outcomes.expect(typed(read) == typed(expected), "stale",
                            f"sharer by {how}, {moment} read: {typed(read)}, expected "
                            f"{typed(expected)}", "current")
        outcomes.expect(report["length"] == len(initial), "resized",
                        f"sharer by {how}: len() {report['length']}", "current")
    outcomes.expect(typed(creator_saw) == typed(after_sharers), "stale",
                    f"creator after the sharers wrote: {typed(creator_saw)}, expected "
                    f"{typed(after_sharers)}", "current")
    outcomes.expect(creator_length == len(initial), "resized",
                    f"creator: len() {creator_length}", "current")
    outcomes.verdict()


# --- SharedMemoryManager --------------------------------------------------------------------

MANAGER_SIZES = (100, 5000)
MANAGER_VALUES = (1, 2.5, "three", b"four", None, True)


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
    with Blocks(sm) as blocks, target.scenario() as s:
        manager = manager_class(authkey=authkey, ctx=target.ctx)
        try:
            with manager:
                block = blocks.keep(manager.SharedMemory(64))
                shared = blocks.keep_list(manager.ShareableList(MANAGER_VALUES))
                (names,) = s.run(actors.create_through_manager, [(MANAGER_SIZES, MANAGER_VALUES)],
                                 role="client", stuck_in="a SharedMemoryManager client",
                                 extra_args=(manager_class, manager.address, authkey))
                for name in names:
                    blocks.add(name)
                assert isinstance(block, sm.SharedMemory) and block.size >= 64, \
                    f"manager.SharedMemory(64) returned {block!r}"
                assert isinstance(shared, sm.ShareableList), \
                    f"manager.ShareableList returned {type(shared).__name__}"
                assert typed(shared) == typed(MANAGER_VALUES), f"its list reads {typed(shared)}"
                made = [block.name, shared.shm.name, *names]
                block.close()
                shared.shm.close()
        finally:
            shutdown_manager(manager)
        survivors = []
        for name in made:
            try:
                sm.SharedMemory(name).close()
                survivors.append(name)
            except FileNotFoundError:
                pass
    outcomes = Outcomes(
        unit="blocks made through the manager",
        acceptable={"unlinked": "attaching after shutdown raised FileNotFoundError"},
        forbidden={"survived": "still attachable after the manager shut down"},
    )
    for name in made:
        outcomes.expect(name not in survivors, "survived", f"{name!r} survived shutdown",
                        "unlinked")
    outcomes.verdict()
