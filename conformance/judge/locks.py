"""What Lock and RLock share: the provider differences their ``acquire`` pins, and the outcome
tables (with their counting) of the promises both make in the same words.

multiprocessing — RLock.acquire: "Use and behaviors of the timeout argument are the same as in
Lock.acquire()", and the first argument's name differs from threading's for both; a manager's
Lock and RLock are proxies for "a shared threading.Lock/RLock object" (Managers), with
threading's semantics.
"""

from conformance.judge import OutcomeTable, judged, violation

# The keyword name of acquire's first parameter: (accepted, refused with TypeError).
# multiprocessing — Lock.acquire(block=True, timeout=None): "the name of this first argument
# differs from that in threading.Lock.acquire()".  The manager's proxy keeps threading's name,
# threading — Lock.acquire(blocking=True, timeout=-1).
ACQUIRE_KEYWORDS = {"native": ("block", "blocking"), "manager": ("blocking", "block")}

# acquire(block, timeout) with a negative timeout, or with a timeout and block=False, on a lock
# another process holds.  multiprocessing — Lock.acquire: "Invocations with a negative value for
# timeout are equivalent to a timeout of zero", and the timeout "is ignored" when block is False:
# both return False.  A manager's proxy has threading.Lock semantics: threading — Lock.acquire
# forbids "a timeout when blocking is False" and accepts no negative timeout but -1 ("an
# unbounded wait", hence left out here): both raise ValueError.
EDGE_TIMEOUT_CALLS = ((True, -0.5), (True, -3.0), (False, 0.25))
EDGE_TIMEOUT_OUTCOME = {"native": ("returned", False), "manager": ("raised", "ValueError")}


def edge_timeouts_table(held):
    """Outcomes of the ``EDGE_TIMEOUT_CALLS`` on ``held`` (a lock another process holds)."""
    return OutcomeTable(
        unit=f"acquire calls on {held}",
        acceptable={"as-documented": "returned False (a manager's proxy: raised ValueError)"},
        forbidden={"otherwise": "returned or raised something else"},
    )


def count_edge_timeouts(outcomes, provider, seen):
    """Count what each of ``EDGE_TIMEOUT_CALLS`` did (``("returned", value)`` or
    ``("raised", type name)``) against ``EDGE_TIMEOUT_OUTCOME``."""
    expected = EDGE_TIMEOUT_OUTCOME[provider]
    for (block, timeout), outcome in zip(EDGE_TIMEOUT_CALLS, seen):
        outcomes.expect(tuple(outcome) == expected, "otherwise",
                        f"acquire({block}, {timeout}) {outcome[0]} {outcome[1]}; expected "
                        f"{expected[0]} {expected[1]}", "as-documented")


def with_statements_table(kind):
    """Outcomes of an owner's ``with`` statements, probed from another process in each state.
    For a Lock the owner's own ``acquire(False)`` inside is probed too (it must be refused); an
    RLock's owner re-enters, which its nested ``with``'s ``__enter__`` results show."""
    acceptable = {"held-inside": "another process could not acquire inside the with",
                  "free-after": "another process acquired it after the with was left",
                  "entered-true": "__enter__ returned True",
                  "finished": "the owner ran every with statement"}
    forbidden = {"free-inside": "another process acquired it inside the with",
                 "held-after": "another process could not acquire it after the with was left",
                 "entered-other": "__enter__ returned something other than True",
                 "owner-failed": "the owner's calls on the lock raised"}
    if kind == "Lock":
        acceptable["refused-to-owner"] = "the owner's own acquire(False) inside returned False"
        forbidden["reentered"] = "the owner's own acquire(False) inside did not return False"
    return OutcomeTable(
        unit=f"probes of a {kind} by another process, __enter__ results and owner runs",
        acceptable=acceptable, forbidden=forbidden)


def count_with_statements(outcomes, expected, probed, state_names, entered, failed, entries):
    """Count each probe of a ``with_statements`` owner ({state: got}, against {state: whether
    another process may take it then}), each ``__enter__`` value and whether the owner
    finished its ``entries`` with statements."""
    for state, should_get in expected.items():
        if state not in probed:
            continue
        if should_get:
            outcomes.expect(probed[state], "held-after", f"acquire(False) {state_names[state]} "
                                                         f"returned False", "free-after")
        else:
            outcomes.expect(not probed[state], "free-inside",
                            f"acquire(False) {state_names[state]} returned True", "held-inside")
    for value in entered:
        outcomes.expect(value is True, "entered-other", f"__enter__ returned {value!r}",
                        "entered-true")
    outcomes.expect(failed is None and len(entered) == entries, "owner-failed",
                    f"the owner stopped after {len(entered)} of {entries} with statements: "
                    f"{failed}", "finished")


NOT_GRANTED = "not-granted"  # acquire_free: a lock nobody held was not granted


def acquire_free(lock, deadline, what):
    """Acquire a lock nobody holds, as a judge helper: it must return True within
    ``deadline`` (forbidden outcome ``not-granted``) and not raise (``raised``)."""
    __tracebackhide__ = True
    with judged(what):
        got = lock.acquire(timeout=deadline)
    if got is not True:
        raise violation(NOT_GRANTED, f"{what} returned {got!r}; nobody held the lock")
