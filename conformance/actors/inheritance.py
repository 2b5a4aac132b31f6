"""Children that receive primitives as Process arguments, and a child blocked until SIGINT.

``leave_marks`` leaves one mark per object the parent can look for afterwards: it takes the
locks and semaphores (and exits holding them), sets the event, puts a token on each queue,
sends one through the pipe, writes the shared ctypes objects, and last meets the parent at the
two-party barrier.

Blocked-child board layout, per primitive i in turn: ``3 * i + READY`` is set just before the
child blocks in it, ``3 * i + DONE`` once its call has ended (SIGINT already ignored again), and
``3 * i + ACK`` by the parent once it will send no more SIGINTs for primitive i.  The child arms
a one-shot SIGINT handler for each call, so that a SIGINT the parent sends after the first one
is ignored instead of landing in the child's bookkeeping.
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


def interrupt_once(signum, frame):
    """Raise KeyboardInterrupt for one SIGINT, as Python's default handler does, and ignore the
    SIGINTs that follow until the next call is armed: none can land outside the call."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def block_until_interrupted(primitives, board, deadline):
    """Block in each (kind, primitive) in turn until SIGINT; return (kind, how it ended)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only an armed call may be interrupted
    ended = []
    for index, (kind, primitive) in enumerate(primitives):
        slots = SLOTS_PER_PRIMITIVE * index
        how = block_in(kind, primitive, board, slots + READY)
        board[slots + DONE] = 1
        board.wait_until(slots + ACK, 1, deadline)
        ended.append((kind, how))
    return ended


def block_in(kind, primitive, board, ready_slot):
    """Announce, then block in the call until a SIGINT interrupts it ("interrupted") or the
    parent lets it finish ("acquired", "woken"); release what is held afterwards.  An interrupt
    that lands before the call was entered is not what the promise is about: the call is armed
    and entered again."""
    waits = kind == "Condition.wait"
    if waits:
        primitive.acquire()
    how = None
    while how is None:
        entered = False
        signal.signal(signal.SIGINT, interrupt_once)
        try:
            try:
                board[ready_slot] = 1
                entered = True
                if waits:
                    primitive.wait()
                else:
                    primitive.acquire()
                how = "woken" if waits else "acquired"
            finally:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        except KeyboardInterrupt:
            if how is None and entered:  # raised by the call, not after it returned
                how = "interrupted"
    if waits:
        release_if_held(primitive)
    elif how != "interrupted":
        primitive.release()
    return how


def release_if_held(condition):
    """After an interrupted ``wait()`` the Condition's lock is held again or not, depending on
    where in ``wait()`` the interrupt landed: release it only if it is."""
    try:
        condition.release()
    except (AssertionError, ValueError, RuntimeError):  # not held: nothing to release
        pass
