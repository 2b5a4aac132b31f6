"""Probing a lock from the parent: can it be taken now, and may its holder take it again."""


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
