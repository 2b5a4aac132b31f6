"""Semaphore.get_value() raises NotImplementedError, as on macOS (no sem_getvalue()): the
capability probe finds it missing, so the invariants that declare it are unsupported."""

from multiprocessing import synchronize

from tests.mutants.base import mutant


class Semaphore(synchronize.Semaphore):
    def get_value(self):
        raise NotImplementedError()


class BoundedSemaphore(synchronize.BoundedSemaphore):
    def get_value(self):
        raise NotImplementedError()


get_context, get_all_start_methods = mutant(
    Semaphore=lambda ctx, value=1: Semaphore(value, ctx=ctx.get_context()),
    BoundedSemaphore=lambda ctx, value=1: BoundedSemaphore(value, ctx=ctx.get_context()))
