"""Semaphore and BoundedSemaphore: a counter of permits shared by every process.

Docs: multiprocessing — Synchronization primitives (Semaphore, BoundedSemaphore: "a close analog
of threading.Semaphore"); threading — Semaphore objects; multiprocessing — Managers
(SyncManager.Semaphore, SyncManager.BoundedSemaphore: "create a shared threading.Semaphore").

Most invariants hold for ``ctx.Semaphore()`` and for the proxies of ``Manager().Semaphore()``.
Where the two differ by design (the name of ``acquire``'s first parameter, ``get_value``, the
error for a negative initial value) the difference is pinned in a table keyed by provider.
"""

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import semaphore as actors
from conformance.harness.waiting import await_quiet
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.timing import never_early
from conformance.strategies import process_counts, sized, timeouts

KINDS = ("Semaphore", "BoundedSemaphore")

# The name of acquire()'s first parameter: (accepted, refused with TypeError).  Docs:
# multiprocessing — Synchronization primitives (Semaphore: "A solitary difference from its close
# analog exists: its acquire method's first argument is named block"); the manager's proxies
# forward to a threading.Semaphore and keep threading's name, ``blocking`` (Managers).
BLOCK_KEYWORD = {"native": ("block", "blocking"), "manager": ("blocking", "block")}

# Semaphore(-1).  threading — Semaphore objects says ValueError; the native semaphore is an OS
# semaphore whose creation fails with OSError (EINVAL) instead.  A manager creates a
# threading.Semaphore in its server, and an exception raised there outside a method call reaches
# the caller as RemoteError carrying the server's traceback (Proxy Objects — _callmethod: "If
# some other exception is raised in the manager's process then this is converted into a
# RemoteError exception").  Matched by name: each implementation has its own RemoteError class.
NEGATIVE_VALUE_RAISES = {"native": ("OSError", OSError), "manager": ("RemoteError", None)}

kinds = st.sampled_from(KINDS)
stays = st.sampled_from([0.0, 0.0, 0.001, 0.005, 0.02])  # time inside once company arrived


def calls_table(unit):
    """The table of invariants that compare each call with what it is promised to do."""
    return OutcomeTable(
        unit=unit,
        acceptable={"as-promised": "returned or raised as promised"},
        forbidden={"differs": "returned or raised something else"},
    )


CONTENTION = OutcomeTable(
    unit="sections inside the semaphore",
    acceptable={"within-value": "at most value holders seen together, and value (or every "
                                "unfinished contender) were"},
    forbidden={"over-value": "more than value contenders held it at one instant",
               "starved": "waited half the deadline for value holders together (or stopped "
                          "because another contender did)"},
)
REFUSED_ELSEWHERE = OutcomeTable(
    unit="acquires by the creating process, then by another process while it holds every "
         "permit",
    acceptable={"taken": "the creating process's acquire(False) took one of the value permits",
                "refused": "the other process's acquire returned False"},
    forbidden={"not-taken": "the creating process's acquire(False) of one of the value permits "
                            "did not return True",
               "granted": "the other process's acquire returned something other than False"},
)
WAKE_UPS = OutcomeTable(
    unit="waits for a permit that another process released, and the count after them",
    acceptable={"taken": "the creating process's acquire(False) took one of the permits",
                "granted": "acquire() returned True",
                "none-left": "acquire(False) after every waiter took its permit returned "
                             "False"},
    forbidden={"not-taken": "the creating process's acquire(False) of one of the permits did "
                            "not return True",
               "refused": "acquire() returned something other than True (a timed one timed "
                          "out although the permit was released within it)",
               "left-over": "acquire(False) found a permit after every waiter took one"},
)
NONBLOCKING = calls_table("non-blocking acquire sequences")
RELEASE_BEYOND = calls_table("calls on a Semaphore(1) released beyond its initial value")
DEFAULT_BOUND = calls_table("calls on a BoundedSemaphore()")
BOUND_KEPT = calls_table("calls on a BoundedSemaphore(3)")
GET_VALUE = calls_table("get_value() readings and the calls around them")
KEYWORD = calls_table("acquire calls by keyword")
RELEASE_COUNT = calls_table("release(n) calls")
NEGATIVE_VALUE = OutcomeTable(
    unit="constructions with value -1",
    acceptable={"rejected": "raised as pinned"},
    forbidden={"accepted": "returned a semaphore", "other-error": "raised other than pinned"},
)
WITH_PERMIT = calls_table("permit counts around with blocks")


def make(s, kind, value=None):
    factory = getattr(s.sync, kind)
    return s.keep(factory() if value is None else factory(value))


def attempt(call):
    """What a call did: its return value, or the exception it raised."""
    try:
        return call()
    except Exception as exc:  # judged by the caller
        return exc


def show(observed):
    if isinstance(observed, BaseException):
        return f"raised {type(observed).__name__}: {observed}"
    return f"returned {observed!r}"


def judge_calls(table, calls):
    """``calls`` are (what, observed, promised): promised is a value or an exception class."""
    outcomes = table.counter()
    for what, observed, promised in calls:
        if isinstance(promised, type) and issubclass(promised, BaseException):
            kept, wanted = isinstance(observed, promised), f"raise {promised.__name__}"
        else:
            kept = not isinstance(observed, BaseException) and observed == promised
            wanted = f"return {promised!r}"
        outcomes.expect(kept, "differs", f"{what} {show(observed)}; promised to {wanted}",
                        "as-promised")
    outcomes.verdict()


def drain(sem, limit):
    """Take permits with acquire(False) until refused (at most ``limit`` + 1 tries)."""
    results = []
    while len(results) <= limit:
        results.append(attempt(lambda: sem.acquire(False)))
        if results[-1] is not True:
            break
    return results


def taking(count):
    """What ``drain`` returns on a semaphore holding exactly ``count`` permits."""
    return [True] * count + [False]


# --- safety under contention ---------------------------------------------------------------


@st.composite
def contention_programs(draw):
    """More contenders than permits, each entering the semaphore several times and staying a
    drawn while."""
    value = draw(st.integers(1, 3))
    contenders = draw(process_counts(value + 1, 5))
    plans = tuple(tuple(draw(stays) for _ in range(draw(sized(1, 3))))
                  for _ in range(contenders))
    return {"kind": draw(kinds), "value": value, "stays": plans}


# A volume no drawn program reaches: 256 sections, 64 from each of four contenders, each staying
# 2 ms once company arrived (a holder admitted beyond the value meanwhile is seen).
MANY_SECTIONS = {"kind": "Semaphore", "value": 2, "stays": ((0.002,) * 64,) * 4}


@pytest.mark.providers("native", "manager")
@invariant(program=contention_programs())
@example(program=MANY_SECTIONS)
def test_at_most_value_holders_and_value_reached(target, program):
    """Never more than ``value`` processes hold the semaphore at one instant, and with more
    contenders than that, ``value`` of them do hold it together.

    Each holder waits inside until it sees ``value`` holders (or every contender still
    unfinished) inside with it, counting only those seen inside the same section in two
    consecutive scans; a holder that waits half the deadline for that company while others are
    still to come shows permits that were never handed out.

    Docs: threading — Semaphore objects (acquire: "If the internal counter is larger than zero
    on entry, decrement it by one and return True immediately. If the internal counter is zero
    on entry, block until awoken by a call to release()"); multiprocessing — Synchronization
    primitives (Semaphore, BoundedSemaphore).
    Promises: SEM-8, BSEM-3, MGR-27.
    """
    kind, value, plans = program["kind"], program["value"], program["stays"]
    layout = actors.ContentionBoard(len(plans))
    with target.scenario() as s:
        board = s.board(layout.size)
        sem = make(s, kind, value)
        seen = s.run(actors.contend, list(enumerate(plans)), role="contender",
                     stuck_in=f"{kind}.acquire", extra_args=(sem, board, layout, value,
                                                              s.deadline / 2))
    outcomes = CONTENTION.counter()
    for contender, records in enumerate(seen):
        for section, most, company in records:
            where = f"{kind}({value}): contender {contender} section {section}"
            if most > value:
                outcomes.observe("over-value", f"{where} saw {most} holders together")
            else:
                outcomes.expect(company == "filled", "starved",
                                f"{where}: {company}, at most {most} holders seen together",
                                "within-value")
    outcomes.verdict()


# --- blocking, timeouts and wake-ups across processes --------------------------------------


def take_all(outcomes, sem, count, what):
    """Take the ``count`` permits of a fresh semaphore with acquire(False), counting each as
    ``taken`` or ``not-taken``."""
    for index, got in enumerate(drain(sem, count - 1)):
        outcomes.expect(got is True, "not-taken", f"{what}: acquire(False) #{index + 1} "
                                                  f"{show(got)}", "taken")


@st.composite
def refusal_programs(draw):
    return {"kind": draw(kinds), "value": draw(st.integers(1, 3)), "timeout": draw(timeouts),
            "negative": draw(st.sampled_from([-1.0, -0.01]))}


@pytest.mark.providers("native", "manager")
@invariant(program=refusal_programs())
def test_permits_held_elsewhere_are_refused(target, program):
    """While another process holds every permit, ``acquire(False)`` and ``acquire(timeout=t)``
    with a negative t return False, and ``acquire(timeout=t)`` returns False no earlier than t.

    Docs: multiprocessing — Synchronization primitives (Lock.acquire, whose signature Semaphore
    shares: "Invocations with a negative value for timeout are equivalent to a timeout of zero",
    "Returns ... False if the timeout period has elapsed"); threading — Semaphore objects
    (acquire: "If acquire does not complete successfully in that interval, return False").
    Promises: SEM-1, SEM-2, BSEM-3, MGR-27.
    """
    kind, value, timeout, negative = (program[key] for key in
                                      ("kind", "value", "timeout", "negative"))
    outcomes = REFUSED_ELSEWHERE.counter()
    with target.scenario() as s:
        sem = make(s, kind, value)
        take_all(outcomes, sem, value, f"{kind}({value})")
        prober = s.start(actors.probe_taken, sem, timeout, negative, role="prober")
        ((now, timed, waited, negative_result),) = s.join(
            [prober], stuck_in=f"{kind}.acquire while another process holds every permit")
    for call, returned in (("acquire(False)", now), (f"acquire(timeout={timeout})", timed),
                           (f"acquire(timeout={negative})", negative_result)):
        outcomes.expect(returned is False, "granted", f"{kind}({value}): {call} in another "
                                                      f"process returned {returned!r}",
                        "refused")
    outcomes.verdict()
    never_early(waited, timeout, f"{kind}.acquire(timeout={timeout})")


@st.composite
def waiter_programs(draw):
    """Two or more waiting processes, the first blocking, each other blocking or with a long
    timeout (a timed one would still get a permit that is only found after its timeout)."""
    waiters = draw(process_counts(2, 4))
    timed = (False, *(draw(st.booleans()) for _ in range(waiters - 1)))
    return {"kind": draw(kinds), "timed": timed}


@pytest.mark.providers("native", "manager")
@invariant(program=waiter_programs())
def test_each_release_lets_one_waiter_in(target, program):
    """When another process releases the permits that processes are blocked waiting for, each
    waiter's ``acquire()`` (blocking, or timed and released well within its timeout) returns
    True, and no permit is left over.

    Every waiter announces itself and is found blocked in its acquire before the first release.

    Docs: threading — Semaphore objects (acquire: "Exactly one thread will be awoken by each
    call to release()"; with a timeout: "If acquire does not complete successfully in that
    interval, return False. Return True otherwise").
    Promises: SEM-2, SEM-8, BSEM-3, MGR-27.
    """
    kind, timed = program["kind"], program["timed"]
    waiters = len(timed)
    outcomes = WAKE_UPS.counter()
    with target.scenario() as s:
        board = s.board(actors.READY + waiters)
        sem = make(s, kind, waiters)
        take_all(outcomes, sem, waiters, f"{kind}({waiters})")
        children = [s.start(actors.await_permit, sem, board, s.deadline / 2, plan,
                            role=f"waiter {plan[0]}") for plan in enumerate(timed)]
        for index, child in enumerate(children):
            s.await_slot(board, actors.READY + index, 1, what=f"waiter {index} to be ready")
        await_quiet(s, children)  # blocked in acquire (a proxy's, in the manager: asleep too)
        for _ in range(waiters):
            with judged("release()"):
                sem.release()
        seen = s.join(children, stuck_in=f"{kind}.acquire after release()")
        with judged("acquire(False) after every waiter took its permit"):
            left_over = sem.acquire(False)
    for index, (is_timed, (got, waited)) in enumerate(zip(timed, seen)):
        call = f"acquire(timeout={s.deadline / 2:g})" if is_timed else "acquire()"
        outcomes.expect(got is True, "refused",
                        f"waiter {index}: {call} returned {got!r} after {waited:.3f} s",
                        "granted")
    outcomes.expect(left_over is False, "left-over",
                    f"{waiters} releases for {waiters} waiters, yet acquire(False) returned "
                    f"{left_over!r}", "none-left")
    outcomes.verdict()


# --- the counter -----------------------------------------------------------------------------


@pytest.mark.providers("native", "manager")
def test_nonblocking_acquires_take_exactly_value(target):
    """``Semaphore(value)`` and ``BoundedSemaphore(value)`` (``value`` 1 when omitted) grant
    exactly ``value`` non-blocking acquires, then refuse the next.

    Docs: threading — Semaphore objects ("The optional argument gives the initial value for the
    internal counter; it defaults to 1"; acquire with blocking false: "If a call without an
    argument would block, return False immediately").
    Promises: SEM-1, BSEM-3, MGR-27.
    """
    calls = []
    with target.scenario() as s:
        for kind in KINDS:
            for value in (None, 0, 1, 2, 5):
                sem = make(s, kind, value)
                call = f"{kind}()" if value is None else f"{kind}({value})"
                permits = 1 if value is None else value
                calls.append((f"{call}: acquire(False) until refused", drain(sem, permits),
                              taking(permits)))
    judge_calls(NONBLOCKING, calls)


@pytest.mark.providers("native", "manager")
def test_semaphore_release_raises_the_count_beyond_its_initial_value(target):
    """A Semaphore may be released more often than it was acquired, by any process, and every
    such release adds a permit: ``Semaphore(1)`` released three times grants four acquires.

    Docs: threading — Semaphore objects (release: "Release a semaphore, incrementing the
    internal counter"; unlike BoundedSemaphore, no check against the initial value).
    Promises: SEM-3, MGR-27.
    """
    with target.scenario() as s:
        sem = make(s, "Semaphore", 1)
        releaser = s.start(actors.release_times, sem, 2, role="releaser")
        (child_raised,) = s.join([releaser], stuck_in="Semaphore.release")
        parent = attempt(sem.release)
        taken = drain(sem, 4)
    judge_calls(RELEASE_BEYOND, [
        ("release() x2 in another process (exception names)", child_raised, [None, None]),
        ("release() in the creating process", parent, None),
        ("acquire(False) until refused", taken, taking(4)),
    ])


@pytest.mark.providers("native", "manager")
def test_bounded_semaphore_default_bound_is_one(target):
    """``BoundedSemaphore()`` holds one permit and raises ValueError on a release that would
    exceed it, fresh or after an acquire–release pair, without changing the count.

    Docs: threading — Semaphore objects (BoundedSemaphore: "If it does, ValueError is raised
    ... If not given, value defaults to 1"); multiprocessing — Synchronization primitives
    (BoundedSemaphore).
    Promises: BSEM-4, BSEM-1, MGR-27.
    """
    with target.scenario() as s:
        sem = make(s, "BoundedSemaphore")
        calls = [("release() of a fresh BoundedSemaphore()", attempt(sem.release), ValueError),
                 ("acquire(False)", attempt(lambda: sem.acquire(False)), True),
                 ("release()", attempt(sem.release), None),
                 ("a second release()", attempt(sem.release), ValueError),
                 ("acquire(False) until refused", drain(sem, 1), taking(1))]
    judge_calls(DEFAULT_BOUND, calls)


@pytest.mark.providers("native", "manager")
def test_bounded_semaphore_refuses_release_beyond_its_value(target):
    """A ``BoundedSemaphore(3)`` whose permits another process released back raises ValueError
    on one more release, in that process and in the creating one, and keeps three permits.

    Docs: threading — Semaphore objects (BoundedSemaphore: "checks to make sure its current
    value doesn't exceed its initial value. If it does, ValueError is raised"); multiprocessing
    — Synchronization primitives (BoundedSemaphore; on macOS, which has no sem_getvalue(), it
    "is indistinguishable from Semaphore": a known deviation there).
    Promises: BSEM-1, BSEM-3, MGR-27.
    """
    with target.scenario() as s:
        sem = make(s, "BoundedSemaphore", 3)
        taken = drain(sem, 2)
        releaser = s.start(actors.release_times, sem, 4, role="releaser")
        (child_raised,) = s.join([releaser], stuck_in="BoundedSemaphore.release")
        parent = attempt(sem.release)
        left = drain(sem, 4)
    judge_calls(BOUND_KEPT, [
        ("acquire(False) x3", taken, [True] * 3),
        ("release() x4 in another process (exception names)", child_raised,
         [None, None, None, "ValueError"]),
        ("release() in the creating process at the bound", parent, ValueError),
        ("acquire(False) until refused", left, taking(3)),
    ])


@pytest.mark.requires("sem_getvalue")
def test_get_value_reports_the_count(target):
    """``get_value()`` returns the current count of a Semaphore or BoundedSemaphore, as changed
    by any process.

    Docs: multiprocessing — Synchronization primitives (the note on BoundedSemaphore: macOS has
    no sem_getvalue()).  get_value is CPython's native Semaphore API (multiprocessing.synchronize).
    Promises: SEM-7, SEM-3.
    """
    programs = {"Semaphore": (2, 0, ["release", "release"] + ["acquire"] * 5),
                "BoundedSemaphore": (2, 2, ["release", "release"] + ["acquire"] * 3)}
    calls = []
    with target.scenario() as s:
        for kind, (value, taken, ops) in programs.items():
            sem = make(s, kind, value)
            calls.append((f"{kind}({value}).get_value()", attempt(sem.get_value), value))
            if taken:
                calls.append((f"acquire(False) x{taken}", drain(sem, taken - 1),
                              [True] * taken))
                calls.append((f"get_value() after {taken} acquires", attempt(sem.get_value),
                              value - taken))
            child = s.start(actors.count_and_read, sem, ops, role=f"counter of {kind}")
            (seen,) = s.join([child], stuck_in=f"{kind}.release/acquire/get_value")
            count = value - taken
            for step, (op, returned, read) in enumerate(seen):
                granted = op == "acquire" and count > 0
                promised = granted if op == "acquire" else None
                count += 1 if op == "release" else -1 if granted else 0
                calls.append((f"{kind} step {step} in another process: {op} then get_value()",
                              (returned, read), (promised, count)))
            calls.append((f"{kind}.get_value() in the creating process afterwards",
                          attempt(sem.get_value), count))
    judge_calls(GET_VALUE, calls)


@pytest.mark.providers("manager")
def test_manager_semaphores_have_no_get_value(target):
    """A manager's Semaphore and BoundedSemaphore proxies have no ``get_value``
    (AttributeError): they forward threading.Semaphore's ``acquire`` and ``release`` only.

    Docs: multiprocessing — Managers (SyncManager.Semaphore, SyncManager.BoundedSemaphore:
    "Create a shared threading.Semaphore object and return a proxy for it"; threading —
    Semaphore objects has no get_value).
    Promises: MGR-27.
    """
    with target.scenario() as s:
        for kind in KINDS:
            sem = make(s, kind, 2)
            expect_raises(AttributeError, lambda sem=sem: sem.get_value(),
                          f"get_value() of a manager {kind} proxy")


# --- the interface: keywords, arguments, construction, with ----------------------------------


@pytest.mark.providers("native", "manager")
def test_acquire_names_its_first_parameter_per_provider(target):
    """Natively ``acquire``'s first parameter is named ``block`` and ``blocking=`` raises
    TypeError; a manager's proxies take threading's ``blocking`` and refuse ``block=``.

    Docs: multiprocessing — Synchronization primitives (Semaphore, BoundedSemaphore: "its
    acquire method's first argument is named block, as is consistent with Lock.acquire()");
    Managers (SyncManager.Semaphore: a shared threading.Semaphore).
    Promises: SEM-4, BSEM-2, MGR-27.
    """
    accepted, refused = BLOCK_KEYWORD[target.provider]
    calls = []
    with target.scenario() as s:
        for kind in KINDS:
            sem = make(s, kind, 1)
            calls += [(f"{kind}(1).acquire({accepted}=False)",
                       attempt(lambda: sem.acquire(**{accepted: False})), True),
                      (f"then {kind}.acquire({accepted}=False)",
                       attempt(lambda: sem.acquire(**{accepted: False})), False),
                      (f"{kind}.acquire({refused}=False)",
                       attempt(lambda: sem.acquire(**{refused: False})), TypeError)]
    judge_calls(KEYWORD, calls)


@pytest.mark.providers("native", "manager")
def test_release_takes_no_count(target):
    """``release(2)`` raises TypeError and leaves the count alone, natively and through a
    manager's proxy: neither takes threading's ``n``.

    Docs: threading — Semaphore objects documents ``release(n=1)`` (changed in 3.9), but
    multiprocessing — Synchronization primitives promises only the ``block`` difference while
    the native release() takes no argument; the manager proxy's release() takes none either,
    although its referent threading.Semaphore would accept n.
    Promises: SEM-5, MGR-27.
    """
    calls = []
    with target.scenario() as s:
        for kind in KINDS:
            sem = make(s, kind, 2)
            first = attempt(lambda: sem.acquire(False))
            second = attempt(lambda: sem.acquire(False))
            calls += [(f"{kind}(2).acquire(False) x2", [first, second], [True, True]),
                      (f"{kind}.release(2)", attempt(lambda: sem.release(2)), TypeError),
                      (f"{kind}.acquire(False) after it", attempt(lambda: sem.acquire(False)),
                       False)]
    judge_calls(RELEASE_COUNT, calls)


@pytest.mark.providers("native", "manager")
def test_negative_initial_value_is_rejected(target):
    """``Semaphore(-1)`` and ``BoundedSemaphore(-1)`` raise: natively OSError, through a
    manager RemoteError carrying threading's ValueError.

    Docs: threading — Semaphore objects ("If the value given is less than 0, ValueError is
    raised"); the native semaphore is created by the OS, which refuses it with OSError (EINVAL);
    multiprocessing — Proxy Objects (_callmethod: other exceptions in the manager's process are
    "converted into a RemoteError exception").
    Promises: SEM-6, MGR-27.
    """
    name, exc_type = NEGATIVE_VALUE_RAISES[target.provider]
    outcomes = NEGATIVE_VALUE.counter()
    with target.scenario() as s:
        for kind in KINDS:
            made = attempt(lambda kind=kind: getattr(s.sync, kind)(-1))
            if not isinstance(made, BaseException):
                s.keep(made)
                outcomes.observe("accepted", f"{kind}(-1) returned {made!r}")
                continue
            matches = (isinstance(made, exc_type) if exc_type is not None
                       else type(made).__name__ == name and "ValueError" in str(made))
            outcomes.expect(matches, "other-error", f"{kind}(-1) {show(made)}; pinned: {name}",
                            "rejected")
    outcomes.verdict()


class Planned(Exception):
    """Raised on purpose inside a ``with`` block."""


@pytest.mark.providers("native", "manager")
def test_with_statement_takes_and_returns_one_permit(target):
    """``with sem:`` takes one permit on entry (``__enter__`` returns True) and gives it back on
    exit, also when the block raises.

    Docs: threading — Using locks, conditions, and semaphores in the with statement ("The
    acquire method will be called when the block is entered, and release will be called when
    the block is exited").
    Promises: SEM-9, MGR-32.
    """
    calls = []
    with target.scenario() as s:
        for kind in KINDS:
            sem = make(s, kind, 2)
            with sem as entered:
                inside = drain(sem, 1)
                for _ in inside[:-1]:
                    sem.release()
            after = drain(sem, 2)
            for _ in after[:-1]:
                sem.release()
            calls += [(f"{kind}(2).__enter__()", entered, True),
                      ("acquire(False) inside the block, until refused", inside, taking(1)),
                      ("acquire(False) after the block, until refused", after, taking(2))]
            try:
                with sem:
                    raise Planned
            except Planned:
                pass
            calls.append(("acquire(False) after a block that raised, until refused",
                          drain(sem, 2), taking(2)))
    judge_calls(WITH_PERMIT, calls)
