"""Bug: the executor's constructor checks its arguments with assert statements, so a bad
max_workers, initializer or max_tasks_per_child raises AssertionError (and nothing at all under
python -O); the real ProcessPoolExecutor raises ValueError for max_workers < 1 or
max_tasks_per_child < 1 (or with a fork context) and TypeError for a non-callable initializer or
a max_tasks_per_child that is not an int."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class AssertingExecutor(ProcessPoolExecutor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        # the bug: asserts where the real constructor raises ValueError and TypeError
        assert max_workers is None or max_workers > 0, "max_workers must be greater than 0"
        assert initializer is None or callable(initializer), "initializer must be a callable"
        assert max_tasks_per_child is None or (
            isinstance(max_tasks_per_child, int) and max_tasks_per_child > 0), \
            "max_tasks_per_child must be a positive int"
        extra = {} if max_tasks_per_child is None else {"max_tasks_per_child": max_tasks_per_child}
        super().__init__(max_workers, mp_context, initializer, initargs, **extra)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return AssertingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("raised-other"),
    "test_executor.py::test_a_failing_initializer_breaks_the_executor": violated("raised-other"),
    "test_executor.py::test_max_tasks_per_child_retires_workers": violated("raised-other"),
}
