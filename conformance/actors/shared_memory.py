"""Users of shared memory: attachers that read then write a region, list sharers working in
lockstep with the parent, a client of a SharedMemoryManager, and a process that leaks a block.

Classes under test (``SharedMemory``, ``ShareableList``, ``SharedMemoryManager``) arrive as
arguments, pickled by reference, so a child uses exactly the implementation the parent tests.
Children close what they open and never unlink: the parent owns every block's lifetime.

List-sharing board layout, for ``n`` sharers: slot ``WRITE_NOW`` is set by the parent once every
sharer has read the list; ``PARENT_WROTE`` once the parent has read the sharers' writes and made
its own; slot ``READ + i`` and slot ``READ + n + i`` say sharer i has read, and has written.
"""

import importlib
import pickle
import sys

from conformance.harness.child import judged

WRITE_NOW = 0
PARENT_WROTE = 1
READ = 2


def list_board_slots(sharers):
    return READ + 2 * sharers


def wrote_slot(sharers, index):
    return READ + sharers + index


def read_then_write(block, plan):
    """Read the region ``[offset, offset + len(data))``, then write ``data`` there.

    Return (size, len(buf), bytes read before writing).
    """
    offset, data = plan
    end = offset + len(data)
    before = bytes(block.buf[offset:end])
    block.buf[offset:end] = data
    return block.size, len(block.buf), before


def attach_read_write(block_class, name, plan):
    """Attach to the block by name and ``read_then_write`` its region."""
    with judged("attaching by name, reading and writing a region, closing"):
        block = block_class(name)
        try:
            return read_then_write(block, plan)
        finally:
            block.close()


def unpickle_read_write(blob, plan):
    """Unpickle a block sent by the parent; return its name and what ``read_then_write`` saw."""
    with judged("unpickling a SharedMemory, reading and writing a region, closing"):
        block = pickle.loads(blob)
        try:
            return (block.name, *read_then_write(block, plan))
        finally:
            block.close()


def share_list(list_class, board, sharers, deadline, plan):
    """Attach to a ShareableList (by name, or by unpickling), read it, make this sharer's writes
    when the parent says so, then read it again after the parent's writes.

    Return {"name", "first", "final", "length"}: the block attached to, both reads, and len().
    """
    index, how, handle, writes = plan
    with judged(f"attaching a ShareableList by {how} and reading it"):
        shared = list_class(name=handle) if how == "name" else pickle.loads(handle)
        first = list(shared)
    board[READ + index] = 1
    if not board.wait_until(WRITE_NOW, 1, deadline):
        raise RuntimeError("the parent never said to write")
    with judged(f"{len(writes)} writes to the list"):
        for position, value in writes:
            shared[position] = value
    board[wrote_slot(sharers, index)] = 1
    if not board.wait_until(PARENT_WROTE, 1, deadline):
        raise RuntimeError("the parent never said it had written")
    with judged("reading the list again, len() and closing it"):
        seen = {"name": shared.shm.name, "first": first, "final": list(shared),
                "length": len(shared)}
        shared.shm.close()
    return seen


def create_through_manager(manager_class, address, authkey, plan):
    """Connect to a running SharedMemoryManager; make blocks and a list through it; return the
    names of the blocks made (closed here, never unlinked)."""
    sizes, values = plan
    names = []
    with judged("connecting to a SharedMemoryManager and making blocks and a list through it"):
        manager = manager_class(address=address, authkey=authkey)
        manager.connect()
        for size in sizes:
            block = manager.SharedMemory(size)
            names.append(block.name)
            block.close()
        shared = manager.ShareableList(values)
        names.append(shared.shm.name)
        shared.shm.close()
    return names


# --- a block leaked by a process that exits (run in a fresh interpreter) ------------------------


def create_and_leave(module_name, name, track):
    """Create block ``name`` and exit without unlinking it (``track`` None: the default)."""
    shared_memory = importlib.import_module(module_name + ".shared_memory")
    options = {} if track is None else {"track": track}
    block = shared_memory.SharedMemory(name, create=True, size=64, **options)
    block.buf[0] = 1
    block.close()


def leak_from_child(module_name, method, name, track):
    """Main of a fresh interpreter: a child started with ``method`` creates and leaks a block.

    Its own interpreter means its own resource tracker, which finishes when this process and
    its children have exited.  Exits with the child's exit code.
    """
    module = importlib.import_module(module_name)
    process = module.get_context(method).Process(target=create_and_leave,
                                                 args=(module_name, name, track))
    process.start()
    process.join()
    sys.exit(process.exitcode)
