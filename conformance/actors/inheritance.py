"""Children that receive primitives as Process arguments, and a child blocked until SIGINT.

``leave_marks`` leaves one mark per object the parent can look for afterwards: it takes the
locks and semaphores (and exits holding them), sets the event, puts a token on each queue,
sends one through the pipe, writes the shared ctypes objects, and last meets the parent at the
two-party barrier.

Blocked-child board layout, per primitive i in turn: ``3 * i + READY`` is set just before the
child blocks in it, ``3 * i + DONE`` once its call has ended (SIGINT already ignored again), and
``3 * i + ACK`` by the parent once it will send no more SIGINTs for primitive i.
"""

import signal

TOKEN = 42
READY, DONE, ACK = 0, 1, 2
SLOTS_PER_PRIMITIVE = 3

HELD_IN_CHILD = ("Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition")
PUT_IN_CHILD = ("Queue", "JoinableQueue", "SimpleQueue")


def identity(obj):
    return obj


def leave_marks(objects, deadline):
    """Leave a mark on every object; return what went wrong, as {kind: description}."""
    failed = {}
    for kind, obj in objects.items():
        try:
            if kind in HELD_IN_CHILD:
                if not obj.acquire(timeout=deadline):
                    failed[kind] = "acquire() in the child timed out"
            elif kind == "Event":
                obj.set()
            elif kind in PUT_IN_CHILD:
                obj.put(TOKEN)
            elif kind == "Connection":
                obj.send(TOKEN)
            elif kind in ("Value", "RawValue"):
                obj.value = TOKEN
            elif kind in ("Array", "RawArray"):
                obj[:] = [TOKEN] * len(obj)
        except Exception as exc:  # the parent reports which object failed and how
            failed[kind] = f"{type(exc).__name__}: {exc}"
    if "Barrier" in objects:
        try:
            objects["Barrier"].wait(timeout=deadline)
        except Exception as exc:  # a barrier the parent never reaches breaks after deadline
            failed["Barrier"] = f"{type(exc).__name__}: {exc}"
    return failed


def kind_of(obj):
    """What the child received (only the name: the object itself may not be pickled back)."""
    return type(obj).__name__


def mark(board, slot):
    """A picklable Barrier action: note on the board that it ran (in whichever process)."""
    board[slot] = 1


def pass_barrier(barrier, deadline):
    """Wait at a one-party barrier, which runs its action in this process."""
    return barrier.wait(timeout=deadline)


def block_until_interrupted(primitives, board, deadline):
    """Block in each (kind, primitive) in turn until SIGINT; return (kind, how it ended)."""
    ended = []
    for index, (kind, primitive) in enumerate(primitives):
        slots = SLOTS_PER_PRIMITIVE * index
        # The promise concerns Python's default SIGINT handling; a fork child inherits whatever
        # handler its parent installed.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            how = block_in(kind, primitive, board, slots + READY)
        except KeyboardInterrupt:
            how = "interrupted"
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        board[slots + DONE] = 1
        board.wait_until(slots + ACK, 1, deadline)
        ended.append((kind, how))
    return ended


def block_in(kind, primitive, board, ready_slot):
    if kind == "Condition.wait":
        with primitive:
            board[ready_slot] = 1
            primitive.wait()
        return "woken"
    board[ready_slot] = 1
    primitive.acquire()
    primitive.release()
    return "acquired"
