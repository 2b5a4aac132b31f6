"""Linearizability checking of recorded histories (see ``conformance.history``).

A history is linearizable when every operation can be given one instant within its
[invoke, response] interval such that, taken in the order of those instants, the operations form a
legal sequential execution of a model (Herlihy & Wing 1990).

The search is Wing & Gong's ("Testing and verifying concurrent objects", 1993) with Lowe's
memoisation of configurations ("Testing for linearizability", 2017), as Porcupine (Go,
``checkSingle``) and Knossos (Clojure) implement it:

1. The history becomes a doubly linked list of call and return events in time order.  A call sorts
   before a return at the same instant, so operations that touch count as concurrent.
2. Walking from the head, every call met before the first return belongs to an operation that may
   take effect now.  If the model accepts it and the configuration (set of linearized operations,
   model state) is new, remember the configuration, push the choice, *lift* the operation's events
   out of the list and restart from the head.
3. Meeting a return means that operation should have been linearized already: pop the last choice,
   *unlift* it, and try the next candidate after it.
4. The history is linearizable when the walk runs off the end of the list; it is not when
   backtracking finds the stack empty.

The memo bounds the work by the number of distinct configurations, which stays small when few
operations overlap; ``max_states`` and ``time_budget`` bound it otherwise, and exhausting either
yields 'unknown', which is never a pass.

Indeterminate operations have no return event: they may be linearized any time after their call,
or never, which is what running off the end of the list with their calls still in it means.  They
are tried only after every other candidate (a second pass over the candidates), since a timed-out
operation taken early is the usual wrong turn; the order changes the cost, never the answer.

The set of linearized operations is keyed compactly.  Determinate operations are numbered in
return order; every one returning before the first return still in the list is linearized, so the
set is a watermark plus a few bits above it, however long the history.  Indeterminate operations
get a bitset of their own.

A model is an object with ``init()`` and ``step(state, op) -> (legal, new_state)`` over hashable
states.  It may also have:

``partition(history)``    sub-histories to check independently (``KeyValueMap``: one per key,
                          which is what keeps map histories cheap);
``is_noop(op)``           true for operations that neither change nor reveal the state (an
                          indeterminate read, a failed write), which the checker drops;
``for_history(history)``  a model specialised to one sub-history.  A wrong order chosen early
                          is otherwise refuted only many operations later, so the search grows
                          exponentially with the overlap.  With unique values, knowing which
                          read or get revealed each value lets the specialised model refuse such
                          orders at once (``_TracedRegister``, ``_PlacedList``, ``_TracedQueue``);
                          it may define the two hooks below.  When it finds a history illegal,
                          a small search with the plain model is tried for plainer evidence;
``is_deferred(op)``       true for operations to try last, like indeterminate ones;
``predecessors(op)``      operations that must be linearized before ``op``, beyond what real
                          time already requires.
"""

import time
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from conformance import settings as run_settings
from conformance.history import FAILED, INDETERMINATE, OK, Operation
from conformance.judge import Inconclusive, OutcomeTable

ILLEGAL = "illegal"
UNKNOWN = "unknown"

DEFAULT_MAX_STATES = 1_000_000
PREFIX_SHOWN = 10  # operations of the linearizable prefix shown by Verdict.describe()
_CLOCK_EVERY = 1024  # new configurations between looks at the wall clock
# Which calls a pass over the candidates tries; a call's kind is one of the last two.
_ANY, _PROMPT, _DEFERRED = 0, 1, 2
_EXPLANATION_STATES = 100_000  # budget of the plain search explaining a specialised refusal
_PRECEDENCE_WINDOW = 32  # gets looked back at for a put's predecessors, in _TracedQueue


@dataclass(frozen=True)
class Verdict:
    """Outcome of a check: ``outcome`` is 'ok', 'illegal' or 'unknown'; only 'ok' is a pass.

    For 'illegal', ``prefix`` is the longest linearizable prefix the search found, ``state`` the
    model state after it, and ``stuck`` the operations, all pending at that point, none of which
    could be linearized next.  For 'unknown', ``reason`` says which budget ran out.
    """

    outcome: str
    model: str
    operations: int
    explored: int
    prefix: tuple = ()
    stuck: tuple = ()
    state: Any = None
    reason: str = ""
    origin: float = 0.0  # the history's first invocation; describe() shows times from it

    def __bool__(self):  # so that ``assert verdict`` passes for 'ok' alone
        return self.outcome == OK

    def describe(self):
        counts = (f"{self.model} model, {self.operations} operations, "
                  f"{self.explored} configurations explored")
        if self.outcome == OK:
            return f"ok: linearizable ({counts})"
        if self.outcome == UNKNOWN:
            return f"unknown: {self.reason}; nothing was proved ({counts})"
        shown = self.prefix[-PREFIX_SHOWN:]
        lines = [f"illegal: not linearizable ({counts})",
                 f"longest linearizable prefix: {len(self.prefix)} operations, leaving state "
                 f"{self.state!r}"]
        if len(self.prefix) > len(shown):
            lines.append(f"  ... {len(self.prefix) - len(shown)} earlier operations")
        lines.extend(_format_operations(shown, self.origin))
        lines.append("none of these pending operations can be linearized next:")
        lines.extend(_format_operations(self.stuck, self.origin))
        return "\n".join(lines)


def check(history, model, *, max_states=DEFAULT_MAX_STATES, time_budget=None):
    """Decide whether ``history`` (``Operation``s) is linearizable with respect to ``model``.

    ``max_states`` bounds the configurations explored per partition; ``time_budget`` (seconds)
    bounds the whole check.  Exhausting either gives an 'unknown' verdict.
    """
    history = [operation for operation in history if not _is_noop(model, operation)]
    _validate(history)
    origin = min((operation.invoke for operation in history), default=0.0)
    deadline = None if time_budget is None else time.monotonic() + time_budget
    partition = getattr(model, "partition", None)
    parts = partition(history) if partition else [history]
    model_name = type(model).__name__
    explored = 0
    first_unknown = None
    for part in parts:
        specialised = _specialise(model, part)
        verdict = _Search(part, specialised, max_states, deadline).run()
        if verdict.outcome == ILLEGAL and specialised is not model:
            verdict = _plainly_explained(verdict, part, model, max_states, deadline)
        explored += verdict.explored
        if verdict.outcome == ILLEGAL:
            return replace(verdict, model=model_name, operations=len(history), explored=explored,
                           origin=origin)
        if verdict.outcome == UNKNOWN and first_unknown is None:
            first_unknown = verdict
    outcome = Verdict(OK, model_name, 0, 0) if first_unknown is None else first_unknown
    return replace(outcome, model=model_name, operations=len(history), explored=explored,
                   origin=origin)


def _plainly_explained(verdict, history, model, max_states, deadline):
    """The verdict with the evidence the plain model gives, when a small search finds it.

    A specialised model fails earlier, on facts that it inferred from the whole history (a write
    refused while reads of the old value are still due), which is harder to read than the plain
    model's evidence (a read that returned an overwritten value).
    """
    budget = min(max_states, _EXPLANATION_STATES)
    plain = _Search(history, model, budget, deadline).run()
    if plain.outcome == OK:
        raise AssertionError(f"{type(model).__name__}.for_history refused a legal history")
    if plain.outcome == UNKNOWN:
        return verdict
    return replace(plain, explored=verdict.explored + plain.explored)


def _specialise(model, history):
    for_history = getattr(model, "for_history", None)
    return model if for_history is None else for_history(history)


def _is_noop(model, operation):
    is_noop = getattr(model, "is_noop", None)
    return is_noop is not None and is_noop(operation)


def _validate(history):
    for operation in history:
        if operation.status == INDETERMINATE:
            continue
        if operation.response is None:
            raise ValueError(f"{operation.status} operation without a response time: {operation}")
        if operation.response < operation.invoke:
            raise ValueError(f"operation responds before it is invoked: {operation}")


class _Event:
    """A node of the event list.  A call knows its return (None if indeterminate) and its bits."""

    __slots__ = ("operation", "is_call", "kind", "match", "rank", "bit", "requires", "done",
                 "prev", "next")

    def __init__(self, operation, is_call, kind=_PROMPT):
        self.operation = operation
        self.is_call = is_call
        self.kind = kind
        self.match = None
        self.rank = -1  # return-order number of a determinate operation
        self.bit = 0  # bit of an indeterminate operation
        self.requires = ()  # calls that must be linearized before this one
        self.done = False  # linearized
        self.prev = None
        self.next = None


def _event_list(history, is_deferred, predecessors):
    """The linked list of call and return events in time order: its head, and whether any call
    is deferred."""
    determinate = [i for i, operation in enumerate(history) if operation.status != INDETERMINATE]
    determinate.sort(key=lambda i: (history[i].response, i))
    rank = {i: r for r, i in enumerate(determinate)}
    timed = []
    indeterminate_seen = 0
    any_deferred = False
    for i, operation in enumerate(history):
        deferred = operation.status == INDETERMINATE or is_deferred(operation)
        any_deferred = any_deferred or deferred
        call = _Event(operation, True, _DEFERRED if deferred else _PROMPT)
        timed.append((operation.invoke, 0, i, call))
        if operation.status == INDETERMINATE:
            call.bit = 1 << indeterminate_seen
            indeterminate_seen += 1
        else:
            call.rank = rank[i]
            call.match = _Event(operation, False)
            timed.append((operation.response, 1, i, call.match))
    calls = {id(event.operation): event for *_, event in timed if event.is_call}
    for call in calls.values():
        call.requires = tuple(calls[id(operation)] for operation in predecessors(call.operation))
    timed.sort(key=lambda entry: entry[:3])
    head = previous = _Event(None, False)
    for *_, event in timed:
        previous.next = event
        event.prev = previous
        previous = event
    return head, any_deferred


def _unlink(event):
    event.prev.next = event.next
    if event.next is not None:
        event.next.prev = event.prev


def _relink(event):
    event.prev.next = event
    if event.next is not None:
        event.next.prev = event


def _lift(call):
    call.done = True
    _unlink(call)
    if call.match is not None:
        _unlink(call.match)


def _unlift(call):
    call.done = False
    if call.match is not None:
        _relink(call.match)
    _relink(call)


class _Search:
    """One run of the search over one partition."""

    def __init__(self, history, model, max_states, deadline):
        self.history = history
        self.model = model
        self.max_states = max_states
        self.deadline = deadline
        self.seen = set()
        self.longest = -1  # depth of the deepest dead end so far, and its evidence:
        self.evidence = (None, (), None)  # (prefix as a cons list, stuck operations, state)

    def run(self):
        is_deferred = getattr(self.model, "is_deferred", lambda operation: False)
        predecessors = getattr(self.model, "predecessors", lambda operation: ())
        head, any_deferred = _event_list(self.history, is_deferred, predecessors)
        step = self.model.step
        seen = self.seen
        state = self.model.init()
        # The linearized set: watermark, bits above it, bits of indeterminate operations.
        low = window = pending = 0
        path = None  # the linearized operations as a cons list (operation, earlier path)
        stack = []
        opening_pass = _PROMPT if any_deferred else _ANY
        this_pass = opening_pass
        entry = head.next
        while entry is not None:
            if entry.is_call:
                if (this_pass and entry.kind != this_pass
                        or entry.requires and not all(call.done for call in entry.requires)):
                    entry = entry.next
                    continue
                legal, new_state = step(state, entry.operation)
                if legal:
                    new_low, new_window, new_pending = _with(entry, low, window, pending)
                    configuration = (new_low, new_window, new_pending, new_state)
                    if configuration not in seen:
                        seen.add(configuration)
                        if len(seen) % _CLOCK_EVERY == 0 or len(seen) > self.max_states:
                            reason = self._exhausted()
                            if reason:
                                return self._verdict(UNKNOWN, reason=reason)
                        stack.append((entry, state, low, window, pending, path, this_pass))
                        state, low, window, pending = new_state, new_low, new_window, new_pending
                        path = (entry.operation, path)
                        _lift(entry)
                        entry = head.next
                        this_pass = opening_pass
                        continue
                entry = entry.next
            elif this_pass == _PROMPT:
                this_pass = _DEFERRED
                entry = head.next
            else:
                if len(stack) > self.longest:
                    self.longest = len(stack)
                    self.evidence = (path, _pending_calls(head, entry), state)
                if not stack:
                    return self._illegal()
                entry, state, low, window, pending, path, this_pass = stack.pop()
                _unlift(entry)
                entry = entry.next
        return self._verdict(OK)

    def _exhausted(self):
        if len(self.seen) > self.max_states:
            return f"explored more than max_states={self.max_states} configurations"
        if self.deadline is not None and time.monotonic() > self.deadline:
            return "the time budget ran out"
        return ""

    def _illegal(self):
        path, stuck, state = self.evidence
        prefix = []
        while path is not None:
            operation, path = path
            prefix.append(operation)
        prefix.reverse()
        return self._verdict(ILLEGAL, prefix=tuple(prefix), stuck=stuck, state=state)

    def _verdict(self, outcome, **evidence):
        return Verdict(outcome, "", len(self.history), len(self.seen), **evidence)


def _with(call, low, window, pending):
    """The linearized set (watermark, bits above it, indeterminate bits) with ``call`` added."""
    if call.match is None:
        return low, window, pending | call.bit
    window |= 1 << (call.rank - low)
    if not window & 1:
        return low, window, pending
    run = (~window & (window + 1)).bit_length() - 1  # trailing one bits: move the watermark
    return low + run, window >> run, pending


def _pending_calls(head, stop):
    """Operations whose calls lie between the head and ``stop``: those that could go next."""
    calls = []
    event = head.next
    while event is not stop:
        if event.is_call:
            calls.append(event.operation)
        event = event.next
    return tuple(calls)


def _format_operations(operations, origin):
    calls = []
    for operation in operations:
        key = "" if operation.key is None else f"[{operation.key!r}]"
        argument = "" if operation.arg is None else repr(operation.arg)
        if operation.status == INDETERMINATE:
            why = "" if operation.result is None else f": {operation.result}"  # an unmapped error
            result, end = f"? (indeterminate{why})", "never"
        else:
            failed = " (failed)" if operation.status == FAILED else ""
            result, end = f"{operation.result!r}{failed}", f"{operation.response - origin:.6f}"
        calls.append((f"p{operation.process} {operation.name}{key}({argument}) -> {result}",
                      f"[{operation.invoke - origin:.6f} .. {end}]"))
    width = max((len(call) for call, _ in calls), default=0)
    return [f"  {call:<{width}}  {interval}" for call, interval in calls]


class _Placeholder:
    """Stands for values nothing observed, which need not be told apart."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"<{self.name}>"


_NEVER_READ = _Placeholder("never read")  # every value no read returned, in _TracedRegister
_NEVER_RETURNED = _Placeholder("never returned")  # every value no get returned, in _TracedQueue


class Register:
    """One value: ``read() -> value``, ``write(value)``, ``cas((expected, new)) -> bool``.

    A FAILED read (say, ``KeyError``) says the value is absent: legal only while it still holds
    ``initial``.  A FAILED write or cas had no effect.  For a read/write history whose written
    values are unique, ``for_history`` gives a ``_TracedRegister``.
    """

    def __init__(self, initial=None):
        self.initial = initial

    def init(self):
        return self.initial

    def for_history(self, history):
        if any(operation.name == "cas" for operation in history):
            return self
        written = [operation.arg for operation in history if operation.name == "write"]
        if len(set(written)) < len(written) or self.initial in written:
            return self
        return _TracedRegister(self.initial, history)

    def is_noop(self, op):
        if op.name == "read":
            return op.status == INDETERMINATE
        return op.status == FAILED

    def step(self, state, op):
        name, status = op.name, op.status
        if name == "read":
            if status == OK:
                return op.result == state, state
            return status == INDETERMINATE or state == self.initial, state
        if name == "write":
            return True, state if status == FAILED else op.arg
        if name == "cas":
            expected, new = op.arg
            swapped = state == expected and status != FAILED
            if status == OK and bool(op.result) != swapped:
                return False, state
            return True, new if swapped else state
        raise ValueError(f"{type(self).__name__} has no operation {name!r}")


class _TracedRegister(Register):
    """A read/write register whose written values are unique: a pruning model.

    Each value is current for one stretch only, so every read of it must fall in that stretch: a
    write is refused until all reads of the current value are linearized.  The state is (value,
    reads of it so far); values no read returned are all one placeholder.
    """

    def __init__(self, initial, history):
        super().__init__(initial)
        self.reads_of = {}
        for operation in history:
            if operation.name == "read":
                seen = self._seen_by(operation)
                self.reads_of[seen] = self.reads_of.get(seen, 0) + 1

    def _seen_by(self, read):
        return read.result if read.status == OK else self.initial  # FAILED: absent

    def _canonical(self, value):
        return value if value in self.reads_of else _NEVER_READ

    def init(self):
        return self._canonical(self.initial), 0

    def step(self, state, op):
        value, reads_done = state
        if op.name == "read":
            return self._seen_by(op) == value, (value, reads_done + 1)
        if op.name != "write":
            raise ValueError(f"{type(self).__name__} has no operation {op.name!r}")
        if reads_done < self.reads_of.get(value, 0):
            return False, state
        return True, (self._canonical(op.arg), 0)


class KeyValueMap(Register):
    """A map whose keys are independent ``Register``s: ``op.key`` names the register."""

    def partition(self, history):
        by_key = {}
        for operation in history:
            by_key.setdefault(operation.key, []).append(operation)
        return list(by_key.values())


class AppendList:
    """A list: ``append(x)``, ``read() -> the whole list`` (any sequence), ``len() -> int``.

    For a history whose appended values are unique, ``for_history`` gives a ``_PlacedList``.
    """

    def init(self):
        return ()

    def for_history(self, history):
        appended = [operation.arg for operation in history if operation.name == "append"]
        if len(set(appended)) < len(appended):
            return self
        reads = (tuple(operation.result) for operation in history
                 if operation.name == "read" and operation.status == OK)
        return _PlacedList(max(reads, key=len, default=()))

    def is_noop(self, op):
        return op.status == FAILED or (op.status == INDETERMINATE and op.name != "append")

    def step(self, state, op):
        name, status = op.name, op.status
        if name == "append":
            return True, state if status == FAILED else state + (op.arg,)
        if name == "read":
            return status != OK or tuple(op.result) == state, state
        if name == "len":
            return status != OK or op.result == len(state), state
        raise ValueError(f"{type(self).__name__} has no operation {name!r}")


class _PlacedList(AppendList):
    """An append-only list of unique values whose longest read is known: a fast, exact model.

    Every read is a prefix of the longest one, L, so each value in L can only be appended at its
    index in L, and any other value only once L is complete.  The list is then L's prefix of the
    state's length, and the state is just that length: appends of never-read values commute.
    """

    def __init__(self, longest_read):
        self.longest_read = longest_read
        self.index = {value: i for i, value in enumerate(longest_read)}

    def init(self):
        return 0

    def step(self, length, op):
        name, status = op.name, op.status
        if name == "append":
            if status == FAILED:
                return True, length
            place = self.index.get(op.arg)
            if place is None:  # never read: it can only follow every value the longest read shows
                return length >= len(self.longest_read), length + 1
            return length == place, length + 1
        if name == "read":
            legal = status != OK or (len(op.result) == length
                                     and tuple(op.result) == self.longest_read[:length])
            return legal, length
        if name == "len":
            return status != OK or op.result == length, length
        raise ValueError(f"{type(self).__name__} has no operation {name!r}")


class Counter:
    """An integer: ``incr(n)`` (n defaults to 1; its result is not checked), ``read() -> int``."""

    def __init__(self, initial=0):
        self.initial = initial

    def init(self):
        return self.initial

    def is_noop(self, op):
        return op.status == FAILED or (op.status == INDETERMINATE and op.name == "read")

    def step(self, state, op):
        name, status = op.name, op.status
        if name == "incr":
            if status == FAILED:
                return True, state
            return True, state + (1 if op.arg is None else op.arg)
        if name == "read":
            return status != OK or op.result == state, state
        raise ValueError(f"{type(self).__name__} has no operation {name!r}")


class FifoQueue:
    """A FIFO queue: ``put(x)``, ``get() -> x``.

    A FAILED get (``queue.Empty``) says the queue was empty, so it is legal only where the queue
    is empty.  A FAILED put (``queue.Full``) had no effect.  An indeterminate get may have taken
    the head.  For a history whose values are unique, ``for_history`` gives a ``_TracedQueue``.
    """

    def init(self):
        return ()

    def for_history(self, history):
        put = [operation.arg for operation in history if operation.name == "put"]
        returned = [operation.result for operation in history
                    if operation.name == "get" and operation.status == OK]
        if len(set(put)) < len(put) or len(set(returned)) < len(returned):
            return self
        return _TracedQueue(history)

    def is_noop(self, op):
        return op.name == "put" and op.status == FAILED

    def step(self, state, op):
        name, status = op.name, op.status
        if name == "put":
            return True, state if status == FAILED else state + (op.arg,)
        if name == "get":
            if status == FAILED:
                return not state, state
            if status == INDETERMINATE:
                return True, state[1:]
            return bool(state) and op.result == state[0], state[1:]
        raise ValueError(f"{type(self).__name__} has no operation {name!r}")


class _TracedQueue(FifoQueue):
    """A queue of unique values, knowing which get returned each value: a pruning model.

    Values no get returned are all one placeholder: nothing tells them apart, so the orders they
    were put in merge into one state.  A put is refused where it could never be dequeued in time:
    behind a value whose get began only after this value's get had returned, or behind a
    never-returned value when no indeterminate get could have taken that one.  Conversely, a put
    must follow the puts of values whose gets returned before its own get began
    (``predecessors``; those of the last few such gets, which is where the search goes wrong).
    """

    def __init__(self, history):
        self.taker = {operation.result: operation for operation in history
                      if operation.name == "get" and operation.status == OK}
        self.may_take_anything = any(operation.name == "get" and operation.status == INDETERMINATE
                                     for operation in history)
        self.required_puts = self._required_puts(history)

    def _required_puts(self, history):
        putter = {operation.arg: operation for operation in history if operation.name == "put"}
        gets = sorted(self.taker.values(), key=lambda get: get.response)
        get_responses = [get.response for get in gets]
        required = {}
        for value, put in putter.items():
            if value not in self.taker:
                continue
            done_before = bisect_left(get_responses, self.taker[value].invoke)
            required[value] = tuple(
                putter[get.result] for get in gets[max(0, done_before - _PRECEDENCE_WINDOW):
                                                   done_before]
                if get.result in putter and not _precedes(putter[get.result], put))
        return required

    def predecessors(self, op):
        return self.required_puts.get(op.arg, ()) if op.name == "put" else ()

    def is_deferred(self, op):
        # Putting a never-returned value later only frees the order of every other operation.
        return op.name == "put" and op.arg not in self.taker

    def step(self, state, op):
        if op.name != "put" or op.status == FAILED:
            return super().step(state, op)
        taker = self.taker.get(op.arg)
        if taker is None:
            return True, state + (_NEVER_RETURNED,)
        for ahead in state:
            if ahead is _NEVER_RETURNED:
                if not self.may_take_anything:
                    return False, state
            elif taker.response < self.taker[ahead].invoke:
                return False, state
        return True, state + (op.arg,)


def _precedes(earlier, later):
    """Real time orders ``earlier`` before ``later``."""
    return earlier.response is not None and earlier.response < later.invoke


LINEARIZABLE = OutcomeTable(
    unit="checks of a concurrent history",
    acceptable={"linearizable": "each operation can take effect at one instant while it was in "
                                "progress, in a legal sequential order"},
    forbidden={"not-linearizable": "no such order exists"},
)


def expect_linearizable(histories, model, what, budget):
    """The merged histories (``Operation`` records, one list per process) must be linearizable
    with respect to ``model``: forbidden outcome ``not-linearizable``.  A search that runs out
    of budget (``budget`` seconds, or the run's ``--mp-check-states`` configurations) proves
    nothing either way: ``Inconclusive``, with the history's size."""
    __tracebackhide__ = True
    history = [Operation(*record) for records in histories for record in records]
    verdict = check(history, model, max_states=run_settings.current().check_states,
                    time_budget=budget)
    if verdict.outcome == UNKNOWN:
        raise Inconclusive(f"the linearizability check of {what} ran out of budget: "
                           f"{verdict.describe()}", checker=f"linearizability ({verdict.model})",
                           history_size=len(history), reason=verdict.reason)
    outcomes = LINEARIZABLE.counter()
    outcomes.expect(verdict.outcome == OK, "not-linearizable",
                    f"{what} ({len(history)} operations): {verdict.describe()}", "linearizable")
    outcomes.verdict()
