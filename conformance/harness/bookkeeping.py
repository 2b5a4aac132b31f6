"""The kit's own reads of objects under test, through APIs the promise being judged does not cover.

An invariant about writes through a dict proxy still has to read the dict back; one about a
manager's server process has to find that process.  When the implementation lacks what such
bookkeeping needs, or it fails, the invariant cannot be judged: ``Unobservable`` (an error naming
what is missing and what it was needed for), never a violation of the promise under test.

Stdlib only.
"""

import sys


class Unobservable(Exception):
    """The evidence could not be read: the implementation lacks, or failed in, an API that the
    kit's bookkeeping needs (not one the promise under test is about)."""


def required(obj, name, needed_to):
    """``obj.<name>``, or ``Unobservable`` saying the implementation lacks it."""
    try:
        return getattr(obj, name)
    except AttributeError:
        raise Unobservable(f"the implementation lacks {type(obj).__name__}.{name} (needed to "
                           f"{needed_to})") from None


def call(obj, name, needed_to, *args):
    """``obj.<name>(*args)``; an exception it raises is ``Unobservable``, naming the call."""
    method = required(obj, name, needed_to)
    try:
        return method(*args)
    except Exception as error:
        raise Unobservable(f"{type(obj).__name__}.{name}() raised {type(error).__name__}: "
                           f"{error} (needed to {needed_to})") from error


# How the kit reads the whole of a shared object that is no proxy: {type: reader(obj) -> plain
# copy}.  Adapters (conformance.adapters) register one for each type of shared dict they make.
READERS = {}


def register_reader(kind, reader):
    READERS[kind] = reader


def contents(shared, needed_to):
    """A plain copy of a shared object: by its type's registered reader, else a proxy's
    ``_getvalue()`` (BaseProxy: "Return a copy of the referent")."""
    reader = next((READERS[kind] for kind in type(shared).__mro__ if kind in READERS), None)
    if reader is None:
        return call(shared, "_getvalue", needed_to)
    try:
        return reader(shared)
    except Exception as error:
        name = getattr(reader, "__qualname__", None) or repr(reader)
        raise Unobservable(f"the reader of a {type(shared).__name__} ({name}) raised "
                           f"{type(error).__name__}: {error} (needed to {needed_to})") from error


def managers_attribute(manager, name, needed_to):
    """``name`` (e.g. ``RemoteError``, ``BaseProxy``) from the managers module that the manager's
    class, or one of its bases, comes from."""
    for cls in type(manager).__mro__:
        found = getattr(sys.modules.get(cls.__module__), name, None)
        if found is not None:
            return found
    raise Unobservable(f"the implementation lacks {name} in the modules of "
                       f"{type(manager).__name__} (needed to {needed_to})")
