"""How evidence is judged: declared outcome tables, in the manner of jcstress, and judge helpers.

Only what is judged here can make a result *violated*:

* an ``OutcomeTable`` declared next to the invariant (each outcome ACCEPTABLE or FORBIDDEN with a
  one-line description), counted over the evidence of one example with ``table.counter()``;
* the judge helpers ``expect_raises``, ``judged`` (a call under test that must not raise) and
  ``conformance.judge.timing.never_early``, each with its own named forbidden outcomes.

Each raises ``Violation``, which carries what was seen as data (forbidden outcome names with
counts, evidence, the table).  Anything else that escapes an invariant — a bare ``assert``, a
``TypeError`` in the kit's own bookkeeping, a child that crashed outside a judged call — means
the invariant could not be judged: an *error*, never a violation.
"""

import contextlib
from collections import Counter

EXAMPLES_SHOWN = 5

# The forbidden outcomes of the judge helpers.
RETURNED = "returned"  # expect_raises: the call returned instead of raising
RAISED_OTHER = "raised-other"  # expect_raises: the call raised another exception
RAISED = "raised"  # judged: a call under test raised


class Violation(AssertionError):
    """The evidence contains an outcome the promise forbids.

    ``forbidden``: {outcome name: count}; ``evidence``: {outcome name: [evidence, ...]};
    ``table``: the counted outcome table as rows (or None for a judge helper's verdict);
    ``reruns``: (reproduced, of) once the failing example was run again.
    """

    def __init__(self, message, *, forbidden, evidence=None, unit=None, table=None):
        super().__init__(message)
        self.message = message
        self.forbidden = dict(forbidden)
        self.evidence = {name: list(items) for name, items in (evidence or {}).items()}
        self.unit = unit
        self.table = table
        self.reruns = None

    def fields(self):
        return {"forbidden": self.forbidden, "evidence": {
                    name: [str(item) for item in items[:EXAMPLES_SHOWN]]
                    for name, items in self.evidence.items()},
                "unit": self.unit, "table": self.table}


class Stuck(BaseException):
    """A liveness deadline expired: something that must finish did not.

    A BaseException so that Hypothesis does not catch it: shrinking a deadlock would re-run
    deadlocking examples, each costing a full deadline.  ``stuck_in`` names what was stuck,
    ``processes`` lists (role, pid, stack) of what was killed.
    """

    def __init__(self, message, *, stuck_in, processes=(), start_method=None):
        super().__init__(message)
        self.message = message
        self.stuck_in = stuck_in
        self.processes = list(processes)
        self.start_method = start_method

    def fields(self):
        return {"stuck_in": self.stuck_in, "start_method": self.start_method,
                "processes": [{"role": role, "pid": pid} for role, pid, _ in self.processes]}


class Inconclusive(Exception):
    """A checker ran out of budget before it could decide: never a pass, never a violation."""

    def __init__(self, message, *, checker, history_size, reason):
        super().__init__(message)
        self.message = message
        self.checker = checker
        self.history_size = history_size
        self.reason = reason

    def fields(self):
        return {"checker": self.checker, "history_size": self.history_size,
                "reason": self.reason}


class ChildFailed(Exception):
    """A child raised outside any judged call, or died without reporting: the invariant could
    not be judged (an error).  ``role``, ``pid``, ``exitcode``; ``exception`` is the type name
    of what it raised (None if it died), ``details`` its traceback."""

    def __init__(self, message, *, role, pid, exitcode, exception=None, details=""):
        super().__init__(message)
        self.role = role
        self.pid = pid
        self.exitcode = exitcode
        self.exception = exception
        self.details = details


class OutcomeTable:
    """The outcomes one invariant may observe, declared up front::

        SERIALISED = OutcomeTable(
            unit="critical sections",
            acceptable={"alone": "no other worker inside while this one was"},
            forbidden={"overlapped": "another worker was inside at the same time"},
        )

    then, per example, ``outcomes = SERIALISED.counter()``, ``outcomes.observe(...)`` or
    ``outcomes.expect(...)`` per observation, and ``outcomes.verdict()``.
    """

    def __init__(self, unit, acceptable, forbidden):
        overlap = set(acceptable) & set(forbidden)
        if overlap:
            raise ValueError(f"outcomes both acceptable and forbidden: {overlap}")
        if not forbidden:
            raise ValueError("an outcome table forbids at least one outcome")
        self.unit = unit
        self.acceptable = dict(acceptable)
        self.forbidden = dict(forbidden)

    def counter(self):
        return Outcomes(self)

    def __repr__(self):
        return f"<OutcomeTable of {self.unit}: forbids {', '.join(self.forbidden)}>"


class Outcomes:
    """The declared outcomes of one table, counted over every observation of one example."""

    def __init__(self, table):
        self.table = table
        self.counts = Counter()
        self.examples = {}

    def observe(self, name, evidence=None):
        if name not in self.table.acceptable and name not in self.table.forbidden:
            raise ValueError(f"undeclared outcome {name!r}")
        self.counts[name] += 1
        if name in self.table.forbidden and evidence is not None:
            self.examples.setdefault(name, []).append(evidence)

    def expect(self, condition, forbidden, evidence, acceptable):
        """Observe ``acceptable`` when the condition holds, else ``forbidden`` with evidence."""
        if condition:
            self.observe(acceptable)
        else:
            self.observe(forbidden, evidence)

    @property
    def total(self):
        return sum(self.counts.values())

    def verdict(self):
        __tracebackhide__ = True
        seen = {name: self.counts[name] for name in self.table.forbidden if self.counts[name]}
        if seen:
            raise Violation(self.text(), forbidden=seen, evidence=self.examples,
                            unit=self.table.unit, table=self.rows())

    def rows(self):
        return [{"outcome": name, "kind": kind, "count": self.counts[name],
                 "description": description}
                for kind, declared in (("ACCEPTABLE", self.table.acceptable),
                                       ("FORBIDDEN", self.table.forbidden))
                for name, description in declared.items()]

    def text(self):
        rows = self.rows()
        width = max(len(row["outcome"]) for row in rows)
        lines = [f"{self.total} {self.table.unit} observed:"]
        lines += [f"  {row['count']:>6}  {row['kind']:<10}  {row['outcome']:<{width}}  "
                  f"{row['description']}" for row in rows]
        for name, examples in self.examples.items():
            lines.append(f"evidence of {name} ({len(examples)}):")
            lines.extend(f"  - {example}" for example in examples[:EXAMPLES_SHOWN])
            if len(examples) > EXAMPLES_SHOWN:
                lines.append(f"  ... and {len(examples) - EXAMPLES_SHOWN} more")
        return "\n".join(lines)


def violation(name, evidence):
    """A judge helper's verdict: one forbidden outcome ``name`` observed, with its evidence."""
    return Violation(f"{name}: {evidence}", forbidden={name: 1}, evidence={name: [evidence]})


def expect_raises(expected, call, what):
    """``call()`` must raise ``expected`` (a subclass counts).  Forbidden outcomes: ``returned``
    (it returned instead) and ``raised-other`` (it raised something else)."""
    __tracebackhide__ = True
    try:
        returned = call()
    except expected:
        return
    except Exception as exc:  # report exactly what the implementation did instead
        raise violation(RAISED_OTHER, f"{what} raised {type(exc).__name__}: {exc}; expected "
                                      f"{expected.__name__}") from exc
    raise violation(RETURNED, f"{what} returned {returned!r}; expected it to raise "
                              f"{expected.__name__}")


@contextlib.contextmanager
def judged(what):
    """A call under test that the promise says must not raise: an exception escaping the block
    is judged evidence (forbidden outcome ``raised``), not an error of the kit."""
    __tracebackhide__ = True
    try:
        yield
    except Exception as exc:
        raise violation(RAISED, f"{what} raised {type(exc).__name__}: {exc}") from exc
