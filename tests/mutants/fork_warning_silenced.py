"""Bug: the fork context's Process silences DeprecationWarning around ``start()`` (to keep
logs quiet), hiding the warning Python 3.12+ gives when a multi-threaded process forks."""

import warnings

from tests.mutants.base import mutant, violated


def process(ctx, *args, **kwargs):
    started = ctx.Process(*args, **kwargs)
    if ctx.get_start_method() == "fork":
        real_start = started.start

        def quiet_start():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # the bug
                real_start()

        started.start = quiet_start
    return started


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_start_methods.py::test_fork_from_a_threaded_process_warns": violated("silent"),
}
REQUIRES_PYTHON = (3, 12)  # os.fork warns from 3.12 on
