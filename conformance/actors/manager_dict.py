"""Manager dict writers and readers, and recorders of dict operation histories."""

from conformance.actors.managers import connect_together
from conformance.actors.managers import record  # noqa: F401  (ops "setitem", "get", "getitem")
from conformance.harness.child import judged


def write(shared, board, deadline, plan):
    """Connect together with the other writers, then perform ``shared[key] = value`` for each
    (key, value) of the plan, in order."""
    worker, writes = plan
    connect_together(shared, board, worker, deadline)
    for key, value in writes:
        with judged(f"d[{key!r}] = {value!r}"):
            shared[key] = value


def write_then_signal(shared, written, read, plan, deadline):
    """Round r: write, set written[r], then wait for the reader's read[r] before going on."""
    for round_written, round_read, (key, value) in zip(written, read, plan):
        with judged(f"d[{key!r}] = {value!r}"):
            shared[key] = value
        round_written.set()
        round_read.wait(deadline)


def read_when_signalled(shared, written, read, keys, deadline):
    """Round r: wait for written[r], read the key, set read[r]; None marks a missed signal."""
    seen = []
    for round_written, round_read, key in zip(written, read, keys):
        if round_written.wait(deadline):
            with judged(f"d.get({key!r}, '<missing>')"):
                seen.append(("value", shared.get(key, "<missing>")))
        else:
            seen.append(None)
        round_read.set()
    return seen


def contents_of(proxies):
    """A copy of each proxy's referent (``_getvalue()``), read in this process; None for what is
    not a proxy."""
    seen = []
    for proxy in proxies:
        if not hasattr(proxy, "_getvalue"):
            seen.append(None)
            continue
        with judged(f"_getvalue() of a {type(proxy).__name__}"):
            seen.append(proxy._getvalue())
    return seen
