"""Users of shared ctypes objects: locked increments of a Value, and writes a parent must see.

Increment board layout: slot ``INSIDE + i`` is 1 while incrementer i holds the Value's lock
(written only by incrementer i), so an overlap is seen directly, not only as a lost update.
"""

from conformance.actors.common import pause

INSIDE = 0


def locked_increments(value, board, workers, plan):
    """Increment ``value`` once per delay under ``value.get_lock()`` (read, delay, write);
    return every overlap seen as (increment, other incrementers inside)."""
    index, delays = plan
    overlaps = []
    for increment, delay in enumerate(delays):
        with value.get_lock():
            board[INSIDE + index] = 1
            before = others_inside(board, workers, index)
            current = value.value
            pause(delay)
            value.value = current + 1
            after = others_inside(board, workers, index)
            board[INSIDE + index] = 0
        if before or after:
            overlaps.append((increment, sorted(set(before) | set(after))))
    return overlaps


def others_inside(board, workers, index):
    return [other for other in range(workers) if other != index and board[INSIDE + other]]


def write_shared(value, array, raw_value, raw_array, plan):
    """Write the planned contents into each shared object; the parent reads them after join."""
    value.value = plan["value"]
    array[:] = list(plan["array"])
    raw_value.value = plan["raw_value"]
    raw_array[:] = list(plan["raw_array"])
