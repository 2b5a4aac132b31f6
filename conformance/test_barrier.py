"""Barrier: parties are released together, generation after generation.

Docs: multiprocessing — Synchronization primitives (Barrier: "a clone of threading.Barrier");
threading — Barrier objects.

Each party records, on leaving ``wait()``, how many parties had arrived at that generation (from
per-party arrival slots on the evidence board), the index ``wait()`` returned and how many times
the action had run.  Bystander processes that never touch the barrier run alongside.
"""

from conformance.actors import barrier as actors
from conformance.invariants import invariant
from conformance.judge import Outcomes
from conformance.strategies import barrier_programs


def run_barrier_program(target, program, with_action):
    """Run the program; return each party's records and each bystander's final count."""
    parties, generations = program["parties"], program["generations"]
    bystanders = program["bystander_steps"]
    layout = actors.BarrierBoard(parties, generations, len(bystanders))
    with target.scenario() as s:
        board = s.board(layout.size)
        action = actors.action_for(board, layout) if with_action else None
        barrier = s.keep(target.ctx.Barrier(parties, action=action))
        helpers = [s.start(actors.bystander, board, layout, plan, role=f"bystander {i}")
                   for i, plan in enumerate(enumerate(bystanders))]
        seen = s.run(actors.party, list(enumerate(program["arrival_delays"])), role="party",
                     stuck_in="Barrier.wait", extra_args=(barrier, board, layout))
        counted = s.join(helpers, stuck_in="bystander work beside the barrier")
        action_saw = [board[layout.action_saw + g] for g in range(generations)]
        return seen, counted, board[layout.action_runs], action_saw


@invariant(program=barrier_programs())
def test_parties_release_together(target, program):
    """No party returns from ``wait()`` before every party of its generation has arrived, in
    every generation, while processes that do not use the barrier run freely alongside.

    Docs: threading — Barrier objects (wait; "the barrier can be reused any number of times").
    Promises: BAR-2, BAR-3.
    """
    seen, counted, _, _ = run_barrier_program(target, program, with_action=False)
    outcomes = Outcomes(
        unit="releases from Barrier.wait",
        acceptable={"together": "left wait() after all parties of its generation arrived"},
        forbidden={"early": "left wait() before every party of its generation arrived"},
    )
    for party, records in enumerate(seen):
        for generation, _, arrived, _ in records:
            outcomes.expect(arrived == program["parties"], "early",
                            f"party {party} left generation {generation} having seen "
                            f"{arrived} of {program['parties']} arrivals", "together")
    outcomes.verdict()
    assert counted == list(program["bystander_steps"]), "bystanders lost steps"


@invariant(program=barrier_programs())
def test_wait_indices_are_a_permutation(target, program):
    """In each generation the values returned by ``wait()`` are a permutation of
    ``range(parties)``: every party gets a distinct index.

    Docs: threading — Barrier objects (wait: "an integer in the range 0 to parties-1, different
    for each thread").
    Promises: BAR-2.
    """
    seen, _, _, _ = run_barrier_program(target, program, with_action=False)
    outcomes = Outcomes(
        unit="generations",
        acceptable={"permutation": "indices returned are exactly 0..parties-1"},
        forbidden={"not-a-permutation": "an index repeated, missing or out of range"},
    )
    for generation in range(1, program["generations"] + 1):
        indices = sorted(records[generation - 1][1] for records in seen)
        outcomes.expect(indices == list(range(program["parties"])), "not-a-permutation",
                        f"generation {generation} returned {indices}", "permutation")
    outcomes.verdict()


@invariant(program=barrier_programs())
def test_action_runs_once_before_release(target, program):
    """The ``action`` runs exactly once per generation, after every party arrived and before
    any party is released.

    Docs: threading — Barrier objects (action: "called by one of the threads when they are
    released"; wait: "prior to any of the threads being released").
    Promises: BAR-5.
    """
    seen, _, runs, action_saw = run_barrier_program(target, program, with_action=True)
    parties = program["parties"]
    outcomes = Outcomes(
        unit="observations of the action",
        acceptable={"once-before-release": "released party saw exactly this generation's runs",
                    "after-all-arrived": "the action saw every party arrived"},
        forbidden={"not-once-before-release": "a released party saw the action run a "
                                              "different number of times than its generation",
                   "before-all-arrived": "the action ran before every party arrived"},
    )
    for party, records in enumerate(seen):
        for generation, _, _, runs_seen in records:
            outcomes.expect(runs_seen == generation, "not-once-before-release",
                            f"party {party} released from generation {generation} saw "
                            f"{runs_seen} action runs", "once-before-release")
    for generation, arrived in enumerate(action_saw, start=1):
        outcomes.expect(arrived == parties, "before-all-arrived",
                        f"action of generation {generation} saw {arrived} of {parties} "
                        f"arrivals", "after-all-arrived")
    outcomes.verdict()
    assert runs == program["generations"], f"action ran {runs} times in " \
                                           f"{program['generations']} generations"
