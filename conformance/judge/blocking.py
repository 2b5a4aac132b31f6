"""Calls a broken implementation might block in, judged within a bound.

The parent never blocks without a bound: a call that must raise, or must return, runs in a
daemon thread for at most a deadline.  Still running then is the forbidden outcome ``blocked``.
"""

import threading

from conformance.judge import RAISED, Stuck, expect_raises, violation

BLOCKED = "blocked"  # the call was still running when its bound expired


def bounded(call, seconds):
    """Run ``call`` in a daemon thread for at most ``seconds``: ``("returned", value)``,
    ``("raised", exception)`` or ``("blocked", None)``."""
    ended = []

    def run():
        try:
            ended.append(("returned", call()))
        except Exception as exc:  # judged by the caller
            ended.append(("raised", exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return ended[0] if ended else (BLOCKED, None)


def expect_raises_within(expected, call, seconds, what):
    """Like ``expect_raises``, for a call that a broken implementation might block in.
    Forbidden outcomes: ``blocked``, ``returned``, ``raised-other``."""
    __tracebackhide__ = True
    ended, value = bounded(call, seconds)
    if ended == BLOCKED:
        raise violation(BLOCKED, f"{what} still blocked after {seconds:g} s; expected it to "
                                 f"raise {expected.__name__}")
    expect_raises(expected, lambda: reraise(ended, value), what)


def expect_returns_within(call, seconds, what):
    """``call()`` must return within ``seconds``; returns its value.  Forbidden outcomes:
    ``blocked`` and ``raised``."""
    __tracebackhide__ = True
    ended, value = bounded(call, seconds)
    if ended == BLOCKED:
        raise violation(BLOCKED, f"{what} still blocked after {seconds:g} s; expected it to "
                                 f"return")
    if ended == "raised":
        raise violation(RAISED, f"{what} raised {type(value).__name__}: {value}") from value
    return value


def returns_within(call, seconds, what, *, stuck_in):
    """``call()`` is the means to the next observation, not the promise judged: raising is the
    forbidden outcome ``raised``; still running after ``seconds`` is a liveness failure
    (``Stuck``, naming ``stuck_in``), as any other wait that never ends."""
    __tracebackhide__ = True
    ended, value = bounded(call, seconds)
    if ended == BLOCKED:
        raise Stuck(f"{what} still running after {seconds:g} s", stuck_in=stuck_in)
    if ended == "raised":
        raise violation(RAISED, f"{what} raised {type(value).__name__}: {value}") from value
    return value


def reraise(ended, value):
    if ended == "raised":
        raise value
    return value
