"""ctx.Lock() raises before any promise about a Lock can be exercised: the kit cannot judge the
Lock invariants, which must therefore be errors, never violations."""

from tests.mutants.base import mutant


class NoLockHere(RuntimeError):
    pass


def lock(ctx):
    raise NoLockHere("this implementation cannot make a Lock")


get_context, get_all_start_methods = mutant(Lock=lock)
