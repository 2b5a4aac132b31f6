"""Users of shared ctypes objects: locked increments of a Value or of an Array's elements, and
writes a parent must see.

Increment board layout: slot ``INSIDE + i`` is 1 while incrementer i holds the object's lock
(written only by incrementer i), so an overlap is seen directly, not only as a lost update.
"""

from conformance.actors.common import pause
from conformance.harness.child import judged

INSIDE = 0


def locked_increments(value, board, workers, plan):
    """Increment ``value`` once per delay under ``value.get_lock()`` (read, delay, write);
    return every overlap seen as (increment, other incrementers inside)."""
    index, delays = plan
    overlaps = []
    for increment, delay in enumerate(delays):
        with judged("an increment of Value.value under get_lock()"), value.get_lock():
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


def locked_element_increments(array, board, workers, plan):
    """Increment ``array[element]`` once per (element, delay) step under ``array.get_lock()``
    (read, delay, write); return every overlap seen as (step, other incrementers inside)."""
    index, steps = plan
    overlaps = []
    for step, (element, delay) in enumerate(steps):
        with judged("an increment of an Array element under get_lock()"), array.get_lock():
            board[INSIDE + index] = 1
            before = others_inside(board, workers, index)
            current = array[element]
            pause(delay)
            array[element] = current + 1
            after = others_inside(board, workers, index)
            board[INSIDE + index] = 0
        if before or after:
            overlaps.append((step, sorted(set(before) | set(after))))
    return overlaps


def others_inside(board, workers, index):
    return [other for other in range(workers) if other != index and board[INSIDE + other]]


def write_shared(value, array, raw_value, raw_array, plan):
    """Write the planned contents into each shared object; the parent reads them after join."""
    with judged("writes to a Value, an Array, a RawValue and a RawArray"):
        value.value = plan["value"]
        array[:] = list(plan["array"])
        raw_value.value = plan["raw_value"]
        raw_array[:] = list(plan["raw_array"])
