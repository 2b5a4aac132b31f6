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


def contents(proxy, needed_to):
    """A plain copy of a proxy's referent, by ``_getvalue()`` (BaseProxy: "Return a copy of the
    referent")."""
    return call(proxy, "_getvalue", needed_to)


def managers_attribute(manager, name, needed_to):
    """``name`` (e.g. ``RemoteError``, ``BaseProxy``) from the managers module that the manager's
    class, or one of its bases, comes from."""
    for cls in type(manager).__mro__:
        found = getattr(sys.modules.get(cls.__module__), name, None)
        if found is not None:
            return found
    raise Unobservable(f"the implementation lacks {name} in the modules of "
                       f"{type(manager).__name__} (needed to {needed_to})")
