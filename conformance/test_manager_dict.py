"""Manager dict: every worker's write is reflected, in every process.

Docs: multiprocessing — Managers (SyncManager.dict); Sharing state between processes — Server
process; Proxy Objects.
"""

from conformance.actors import manager_dict as actors
from conformance.invariants import invariant
from conformance.judge import Outcomes
from conformance.judge.linearizability import KeyValueMap
from conformance.strategies import dict_write_programs, ordered_write_programs
from conformance.test_manager_containers import expect_linearizable, operation_programs


def run_writers(target, plans):
    """Each plan's writes from its own process into one Manager dict; return the dict's copy."""
    with target.scenario() as s:
        shared = s.manager().dict()
        s.run(actors.write, plans, role="writer", stuck_in="DictProxy.__setitem__",
              extra_args=(shared,))
        return shared.copy()


@invariant(plans=dict_write_programs())
def test_every_workers_write_is_reflected(target, plans):
    """After N workers each write their own keys and are joined, the dict holds exactly every
    write: no key missing, none extra, no value changed.

    Docs: multiprocessing — Sharing state between processes (Server process: "a manager
    returned by Manager() ... supports types list, dict, ...").
    Promises: MGR-3, MGR-4.
    """
    final = run_writers(target, plans)
    expected = dict(write for plan in plans for write in plan)
    outcomes = Outcomes(
        unit="writes",
        acceptable={"reflected": "the key holds the value written"},
        forbidden={"lost": "the key is missing or holds another value"},
    )
    for key, value in expected.items():
        outcomes.expect(final.get(key) == value, "lost",
                        f"{key!r}: wrote {value!r}, dict holds {final.get(key, '<missing>')!r}",
                        "reflected")
    outcomes.verdict()
    extra = sorted(set(final) - set(expected))
    assert not extra, f"keys nobody wrote: {extra}"


@invariant(plans=dict_write_programs(shared_keys=True))
def test_concurrent_writes_leave_a_last_written_value(target, plans):
    """When workers write the same keys concurrently, each key ends holding the value that
    some writer wrote to it last — never an overwritten value, never nothing.

    Docs: multiprocessing — Proxy Objects (a proxy forwards each method call to the referent in
    the manager's server process, which performs it).
    Promises: MGR-4.
    """
    final = run_writers(target, plans)
    last_writes = {}
    for plan in plans:
        for key, value in dict(plan).items():  # dict keeps each writer's last value per key
            last_writes.setdefault(key, set()).add(value)
    outcomes = Outcomes(
        unit="keys written concurrently",
        acceptable={"last-write": "holds one writer's last write to it"},
        forbidden={"stale-or-lost": "holds an overwritten value, or is missing"},
    )
    for key, candidates in sorted(last_writes.items()):
        outcomes.expect(final.get(key) in candidates, "stale-or-lost",
                        f"{key!r} holds {final.get(key, '<missing>')!r}; last writes were "
                        f"{sorted(candidates)}", "last-write")
    outcomes.verdict()


@invariant(rounds=ordered_write_programs())
def test_read_after_signalled_write_sees_it(target, rounds):
    """A read in one process that is ordered after another process's write (by an Event the
    writer sets after writing) returns the value written.  Writer and reader go in lockstep, so
    the value written in a round is the only fresh one.

    Docs: multiprocessing — Proxy Objects; Synchronization primitives (Event).
    Promises: MGR-4, EVT-5.
    """
    with target.scenario() as s:
        shared = s.manager().dict()
        written = [s.keep(target.ctx.Event()) for _ in rounds]
        read = [s.keep(target.ctx.Event()) for _ in rounds]
        reader = s.start(actors.read_when_signalled, shared, written, read,
                         [key for key, _ in rounds], s.deadline, role="reader")
        writer = s.start(actors.write_then_signal, shared, written, read, rounds, s.deadline,
                         role="writer")
        seen, _ = s.join([reader, writer], stuck_in="DictProxy access or Event.wait")
    outcomes = Outcomes(
        unit="reads ordered after a write",
        acceptable={"fresh": "read the value written"},
        forbidden={"stale": "read an older value or nothing",
                   "never-signalled": "the reader's Event.wait timed out"},
    )
    for number, ((key, value), got) in enumerate(zip(rounds, seen), start=1):
        if got is None:
            outcomes.observe("never-signalled", f"round {number}: no signal within the deadline")
        else:
            outcomes.expect(got[1] == value, "stale",
                            f"round {number}: wrote {key!r}={value!r}, read {got[1]!r}", "fresh")
    outcomes.verdict()


@invariant(program=operation_programs(("setitem", "setitem", "get", "getitem"), keys=("a", "b")))
def test_dict_operations_are_linearizable(target, program):
    """Concurrent writes and reads (``d[k]``, ``d.get(k)``) on one dict proxy from several
    processes form, per key, a linearizable history of one register; ``d[k]`` of a key nobody
    has written yet raises KeyError.

    Docs: multiprocessing — Proxy Objects (a proxy forwards each method call to the referent in
    the manager's server process, which performs it); Managers (SyncManager.dict).
    Promises: MGR-4, MGR-8.
    """
    with target.scenario() as s:
        shared = s.manager().dict()
        histories = s.run(actors.record, program, role="recorder", stuck_in="a DictProxy call",
                          extra_args=(shared, s.board(len(program)), s.deadline))
    expect_linearizable(histories, KeyValueMap(), "a dict proxy", target.deadline)
