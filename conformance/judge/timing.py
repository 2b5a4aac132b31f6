"""Timing promises: a timed wait must never return before its timeout.

Only clock resolution is forgiven (plus a millisecond for the conversion of timeouts to the OS's
units).  Upper bounds are never judged here: a loaded machine may always be late.
"""

import time

from conformance.judge import Violation

SLACK = time.get_clock_info("monotonic").resolution + 0.001


def never_early(waited, timeout, what):
    __tracebackhide__ = True
    if waited < timeout - SLACK:
        raise Violation(f"{what} returned after {waited:.4f} s, before its {timeout:g} s timeout")
