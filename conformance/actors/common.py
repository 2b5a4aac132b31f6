"""Small helpers shared by actors."""

import time


def pause(seconds):
    """Widen a race window; never relied upon for ordering."""
    if seconds:
        time.sleep(seconds)


def idle(*_):
    """Do nothing: what start-up benchmarks and harness self-tests run."""
    return None
