"""Recording operation histories in child processes, for the linearizability checker.

A child wraps each operation on the shared object in ``Recorder.call``, which takes
``time.monotonic()`` immediately before and after it.  That clock is system-wide on Linux, macOS
and Windows, so intervals recorded by different processes on one machine are comparable.  Taking
the stamps a little early or late only widens an interval, which can hide a violation but never
invent one.

Every call ends in one of three statuses:

``OK``             it returned; ``result`` is its return value.
``FAILED``         it raised an exception the caller declared *definite*: the operation did not
                   change the shared object, and the exception is itself an observation of it.
                   ``queue.Empty`` from a ``get`` is the typical case: it says "the queue was
                   empty", so it is a result to check (recorded as, e.g., ``'empty'``), not an
                   unknown.
``INDETERMINATE``  it raised an exception after which the effect is unknown (a timeout, a broken
                   connection): it may or may not have taken effect.  ``response`` is ``None``; the
                   checker treats it as +infinity and may leave the operation out entirely.

An exception the caller did not map is recorded as indeterminate, then re-raised.

Records are plain: ``Operation`` is a named tuple of builtins, saved as bare tuples, so the parent
can load a child's history with nothing but ``pickle``.  This module imports only the standard
library, since it runs inside child processes.
"""

import pickle
import time
from typing import Any, Hashable, NamedTuple, Optional

OK = "ok"
FAILED = "failed"
INDETERMINATE = "indeterminate"

_NO_ARGUMENT = object()
_UNMAPPED = object()


class Operation(NamedTuple):
    """One completed (or abandoned) call on the shared object, as one process saw it."""

    process: int  # the caller's actor index, not an OS pid
    invoke: float  # time.monotonic() just before the call
    response: Optional[float]  # just after it returned; None when indeterminate
    name: str  # 'put', 'get', 'read', 'write', 'append', 'incr', ...
    key: Hashable = None  # which object of a keyed family (e.g. a dict key); None if unkeyed
    arg: Any = None
    result: Any = None
    status: str = OK


class Recorder:
    """Records the operations of one process.

    ``outcomes`` maps exception classes (subclasses match too) to what they mean: the
    ``INDETERMINATE`` marker, or any other value, which becomes the ``result`` of a ``FAILED``
    operation.  For example ``{queue.Empty: 'empty', TimeoutError: INDETERMINATE}``.
    """

    def __init__(self, process, outcomes=None):
        self.process = process
        self.outcomes = dict(outcomes or {})
        self.operations = []

    def call(self, name, fn, arg=_NO_ARGUMENT, *, key=None):
        """Run ``fn(arg)`` (``fn()`` without ``arg``), record it, and return the ``Operation``."""
        recorded_arg = None if arg is _NO_ARGUMENT else arg
        invoke = time.monotonic()
        try:
            result = fn() if arg is _NO_ARGUMENT else fn(arg)
        except Exception as error:
            response = time.monotonic()
            meaning = self._meaning_of(error)
            if meaning is _UNMAPPED:
                self._record(invoke, None, name, key, recorded_arg, repr(error), INDETERMINATE)
                raise
            if meaning == INDETERMINATE:
                return self._record(invoke, None, name, key, recorded_arg, None, INDETERMINATE)
            return self._record(invoke, response, name, key, recorded_arg, meaning, FAILED)
        response = time.monotonic()
        return self._record(invoke, response, name, key, recorded_arg, result, OK)

    def _meaning_of(self, error):
        for cls in type(error).__mro__:
            if cls in self.outcomes:
                return self.outcomes[cls]
        return _UNMAPPED

    def _record(self, invoke, response, name, key, arg, result, status):
        operation = Operation(self.process, invoke, response, name, key, arg, result, status)
        self.operations.append(operation)
        return operation

    def save(self, path):
        """Write the history as a pickled list of plain tuples."""
        with open(path, "wb") as file:
            pickle.dump([tuple(operation) for operation in self.operations], file)


def load(*paths):
    """Read and merge histories written by ``Recorder.save``."""
    operations = []
    for path in paths:
        with open(path, "rb") as file:
            operations.extend(Operation(*record) for record in pickle.load(file))
    return operations
