"""Objects with a known pickling behaviour, used as inputs by invariants.

``Unpicklable`` refuses every pickler, including the ``dill`` that drop-ins such as
``multiprocess`` use, which can pickle lambdas and thread locks.
"""


class Refused(Exception):
    """Raised by pickling an ``Unpicklable``."""


class Unpicklable:
    def __reduce__(self):
        raise Refused("this object refuses to be pickled")
