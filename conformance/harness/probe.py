"""Probing a lock from the parent: can it be taken now, may its holder take it again, and what
does an owner that announces its states let another process do in each."""

from conformance.judge import judged


def takes(lock, *args):
    """``lock.acquire(*args)``, released at once if it succeeded: whether it could be taken."""
    got = lock.acquire(*args)
    if got:
        lock.release()
    return got


def holder_retakes(lock, deadline):
    """Acquire ``lock`` (bounded by ``deadline``), then whether its holder gets it again with
    ``acquire(False)`` (a recursive lock); every level taken is released."""
    assert lock.acquire(timeout=deadline), f"could not acquire {lock!r} within {deadline:g} s"
    try:
        return takes(lock, False)
    finally:
        lock.release()


def probe_states(s, board, lock, states, *, state_slot, probed_slot):
    """Wait for an owner to announce each state in turn on ``board[state_slot]`` and try
    ``acquire(False)`` in it (releasing what it got), then say so on ``board[probed_slot]``.
    Return {state: got}, stopping early if the owner announced anything else (it failed)."""
    probed = {}
    for state in states:
        s.await_slot(board, state_slot, state, what=f"the owner to reach state {state}")
        if board[state_slot] != state:
            break
        with judged(f"acquire(False) by another process in state {state}"):
            probed[state] = takes(lock, False)
        board[probed_slot] = state
    return probed
