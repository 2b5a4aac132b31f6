"""Manager dict writers and readers, and recorders of dict operation histories."""

from conformance.actors.managers import record  # noqa: F401  (ops "setitem", "get", "getitem")


def write(shared, plan):
    """Perform ``shared[key] = value`` for each (key, value) in order."""
    for key, value in plan:
        shared[key] = value


def write_then_signal(shared, written, read, plan, deadline):
    """Round r: write, set written[r], then wait for the reader's read[r] before going on."""
    for round_written, round_read, (key, value) in zip(written, read, plan):
        shared[key] = value
        round_written.set()
        round_read.wait(deadline)


def read_when_signalled(shared, written, read, keys, deadline):
    """Round r: wait for written[r], read the key, set read[r]; None marks a missed signal."""
    seen = []
    for round_written, round_read, key in zip(written, read, keys):
        if round_written.wait(deadline):
            seen.append(("value", shared.get(key, "<missing>")))
        else:
            seen.append(None)
        round_read.set()
    return seen
