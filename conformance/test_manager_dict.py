"""Manager dict: created as given, every worker's write reflected, in every process.

Docs: multiprocessing — Managers (SyncManager.dict, SyncManager.list); Sharing state between
processes — Server process; Proxy Objects.

Writers connect to the manager first and start writing together (``connect_together``), so their
writes overlap however slowly each process starts.
"""

from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import manager_dict as actors
from conformance.harness.bookkeeping import contents, managers_attribute
from conformance.invariants import invariant
from conformance.judge import OutcomeTable
from conformance.judge.linearizability import KeyValueMap, expect_linearizable
from conformance.strategies import (
    dict_write_program,
    dict_write_programs,
    operation_program,
    operation_programs,
    ordered_write_programs,
)

DICT_OPERATIONS = ("setitem", "setitem", "get", "getitem")
DICT_KEYS = ("a", "b")
READ_BACK = "read the dict's final contents"

INITIALISED = OutcomeTable(
    unit="containers created with initial contents",
    acceptable={"as-given": "a proxy whose referent, read in another process, holds exactly "
                            "what it was created from"},
    forbidden={"not-a-proxy": "the manager returned something other than a proxy",
               "otherwise": "its referent holds something else"},
)

REFLECTED = OutcomeTable(
    unit="keys",
    acceptable={"reflected": "a written key holds the value written to it"},
    forbidden={"lost": "a written key is missing or holds another value",
               "invented": "the dict holds a key nobody wrote"},
)

LAST_WRITTEN = OutcomeTable(
    unit="keys written concurrently",
    acceptable={"last-write": "holds one writer's last write to it"},
    forbidden={"stale-or-lost": "holds an overwritten value, or is missing"},
)

FRESH = OutcomeTable(
    unit="reads ordered after a write",
    acceptable={"fresh": "read the value written"},
    forbidden={"stale": "read an older value or nothing",
               "never-signalled": "the reader's Event.wait timed out"},
)


@invariant(pairs=st.lists(st.tuples(st.sampled_from("abcdef"), st.integers()), min_size=1,
                          max_size=12))
def test_dict_and_list_start_as_given(target, pairs):
    """``dict()``, ``dict(mapping)``, ``dict(sequence)``, ``list()`` and ``list(sequence)`` of a
    Manager return proxies whose referents hold exactly what they were created from, as another
    process sees them.

    Docs: multiprocessing — Managers (SyncManager.dict: "dict(), dict(mapping), dict(sequence):
    Create a shared dict object and return a proxy for it"; SyncManager.list: "list(),
    list(sequence)").
    Promises: MGR-3.
    """
    creations = (("dict()", "dict", (), {}), ("dict(mapping)", "dict", (dict(pairs),), dict(pairs)),
                 ("dict(sequence)", "dict", (pairs,), dict(pairs)), ("list()", "list", (), []),
                 ("list(sequence)", "list", (tuple(pairs),), list(pairs)))
    with target.scenario() as s:
        manager = s.kept_manager()
        base_proxy = managers_attribute(manager, "BaseProxy", "tell a proxy from a plain value")
        made = [getattr(manager, typeid)(*args) for _, typeid, args, _ in creations]
        (seen,) = s.run(actors.contents_of, [made], role="reader",
                        stuck_in="reading proxies' referents")
    outcomes = INITIALISED.counter()
    for (call, _, _, expected), proxy, held in zip(creations, made, seen):
        if not isinstance(proxy, base_proxy):
            outcomes.observe("not-a-proxy", f"{call} returned a {type(proxy).__name__}")
        else:
            outcomes.expect(held == expected, "otherwise",
                            f"{call} of {pairs!r} holds {held!r}; expected {expected!r}",
                            "as-given")
    outcomes.verdict()


def run_writers(target, plans):
    """Each plan's writes from its own process into one Manager dict; return the dict's copy."""
    with target.scenario() as s:
        shared = s.kept_manager().dict()
        s.run(actors.write, list(enumerate(plans)), role="writer",
              stuck_in="DictProxy.__setitem__", extra_args=(shared, s.board(len(plans)),
                                                            s.deadline))
        return contents(shared, READ_BACK)


@invariant(plans=dict_write_programs())
@example(plans=dict_write_program(workers=4, writes=80))
def test_every_workers_write_is_reflected(target, plans):
    """After N workers each write their own keys and are joined, the dict holds exactly every
    write: no key missing, none extra, no value changed.

    Docs: multiprocessing — Sharing state between processes (Server process: "a manager
    returned by Manager() ... supports types list, dict, ..."); Proxy Objects.
    Promises: MGR-4.
    """
    final = run_writers(target, plans)
    expected = dict(write for plan in plans for write in plan)
    outcomes = REFLECTED.counter()
    for key, value in expected.items():
        outcomes.expect(final.get(key) == value, "lost",
                        f"{key!r}: wrote {value!r}, dict holds {final.get(key, '<missing>')!r}",
                        "reflected")
    for key in sorted(set(final) - set(expected), key=repr):
        outcomes.observe("invented", f"{key!r} holds {final[key]!r}")
    outcomes.verdict()


@invariant(plans=dict_write_programs(shared_keys=True))
@example(plans=dict_write_program(workers=4, writes=80, shared_keys=True))
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
    outcomes = LAST_WRITTEN.counter()
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
        shared = s.kept_manager().dict()
        written = [s.keep(target.ctx.Event()) for _ in rounds]
        read = [s.keep(target.ctx.Event()) for _ in rounds]
        reader = s.start(actors.read_when_signalled, shared, written, read,
                         [key for key, _ in rounds], s.deadline, role="reader")
        writer = s.start(actors.write_then_signal, shared, written, read, rounds, s.deadline,
                         role="writer")
        seen, _ = s.join([reader, writer], stuck_in="DictProxy access or Event.wait")
    outcomes = FRESH.counter()
    for number, ((key, value), got) in enumerate(zip(rounds, seen), start=1):
        if got is None:
            outcomes.observe("never-signalled", f"round {number}: no signal within the deadline")
        else:
            outcomes.expect(got[1] == value, "stale",
                            f"round {number}: wrote {key!r}={value!r}, read {got[1]!r}", "fresh")
    outcomes.verdict()


@invariant(program=operation_programs(DICT_OPERATIONS, keys=DICT_KEYS))
@example(program=operation_program(DICT_OPERATIONS, DICT_KEYS))
def test_dict_operations_are_linearizable(target, program):
    """Concurrent writes and reads (``d[k]``, ``d.get(k)``) on one dict proxy from several
    processes form, per key, a linearizable history of one register; ``d[k]`` of a key nobody
    has written yet raises KeyError.

    Docs: multiprocessing — Proxy Objects (a proxy forwards each method call to the referent in
    the manager's server process, which performs it); Managers (SyncManager.dict).
    Promises: MGR-4, MGR-8.
    """
    with target.scenario() as s:
        shared = s.kept_manager().dict()
        histories = s.run(actors.record, program, role="recorder", stuck_in="a DictProxy call",
                          extra_args=(shared, s.board(len(program)), s.deadline))
    expect_linearizable(histories, KeyValueMap(), "a dict proxy", target.deadline)
