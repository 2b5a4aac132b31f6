"""Manager dict writers and readers."""


def write(shared, plan):
    """Perform ``shared[key] = value`` for each (key, value) in order."""
    for key, value in plan:
        shared[key] = value


def write_then_signal(shared, events, plan):
    """Round r: write, then set events[r] so a reader knows the write is complete."""
    for event, (key, value) in zip(events, plan):
        shared[key] = value
        event.set()


def read_when_signalled(shared, events, keys, deadline):
    """Round r: wait for events[r], then read the key; None marks a round that never came."""
    seen = []
    for event, key in zip(events, keys):
        if not event.wait(deadline):
            seen.append(None)
            continue
        seen.append(("value", shared.get(key, "<missing>")))
    return seen
