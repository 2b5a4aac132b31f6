"""Timing promises: a timed wait must never return before its timeout.

Only clock resolution is forgiven (plus a millisecond for the conversion of timeouts to the OS's
units).  Upper bounds are never judged here: a loaded machine may always be late.
"""

import time

from conformance.judge import violation

SLACK = time.get_clock_info("monotonic").resolution + 0.001
EARLY = "early"  # the forbidden outcome: a timed wait returned before its timeout


def never_early(waited, timeout, what):
    __tracebackhide__ = True
    if waited < timeout - SLACK:
        raise violation(EARLY, f"{what} returned after {waited:.4f} s, before its {timeout:g} s "
                               f"timeout")
