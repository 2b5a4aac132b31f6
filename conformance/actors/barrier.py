"""Barrier parties and bystanders.

Board layout for ``parties`` parties and ``generations`` generations (see ``BarrierBoard``):
one arrival slot per party (the last generation it arrived at, written only by that party),
an action-run counter and, per generation, the arrivals the action saw.
"""

import functools

from conformance.actors.common import pause


class BarrierBoard:
    """Where each piece of barrier evidence lives on the board."""

    def __init__(self, parties, generations, bystanders):
        self.parties = parties
        self.generations = generations
        self.action_runs = parties
        self.action_saw = parties + 1  # + generation - 1
        self.bystanders = parties + 1 + generations  # + bystander index
        self.size = self.bystanders + bystanders

    def arrivals(self, board, generation):
        return sum(1 for party in range(self.parties) if board[party] >= generation)


def record_action(board, layout):
    """The barrier's action: count the run and note how many parties had arrived."""
    run = board[layout.action_runs] + 1
    board[layout.action_runs] = run
    if run <= layout.generations:
        board[layout.action_saw + run - 1] = layout.arrivals(board, run)


def action_for(board, layout):
    return functools.partial(record_action, board, layout)


def party(barrier, board, layout, plan):
    """Arrive at every generation after its delay; record what was seen on release."""
    index, delays = plan
    seen = []
    for generation, delay in enumerate(delays, start=1):
        pause(delay)
        board[index] = generation
        returned = barrier.wait()
        seen.append((generation, returned, layout.arrivals(board, generation),
                     board[layout.action_runs]))
    return seen


def bystander(board, layout, plan):
    """Run freely beside the barrier, never touching it."""
    index, steps = plan
    slot = layout.bystanders + index
    for _ in range(steps):
        board[slot] += 1
        pause(0.0005)
    return board[slot]
