"""Bug: when a call's result cannot be pickled, the worker's fallback sends back a result item
without the pickling error it caught, so the future gets the result None; the real worker
sends the error back as that call's exception (with the worker's traceback as its cause)."""

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _base, _ExceptionWithTraceback, _ResultItem

from tests.mutants.base import mutant, violated


def send_back(result_queue, work_id, result=None, exception=None, exit_pid=None):
    try:
        result_queue.put(_ResultItem(work_id, result=result, exception=exception,
                                     exit_pid=exit_pid))
    except BaseException as e:
        exc = _ExceptionWithTraceback(e, e.__traceback__)
        result_queue.put(_ResultItem(work_id, exit_pid=exit_pid))  # the bug: exc left out
        del exc


def worker(call_queue, result_queue, initializer, initargs, max_tasks=None):
    """CPython's _process_worker, sending results with send_back()."""
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException:
            _base.LOGGER.critical("Exception in initializer:", exc_info=True)
            return
    num_tasks = 0
    exit_pid = None
    while True:
        call_item = call_queue.get(block=True)
        if call_item is None:
            result_queue.put(os.getpid())
            return
        if max_tasks is not None:
            num_tasks += 1
            if num_tasks >= max_tasks:
                exit_pid = os.getpid()
        try:
            r = call_item.fn(*call_item.args, **call_item.kwargs)
        except BaseException as e:
            exc = _ExceptionWithTraceback(e, e.__traceback__)
            send_back(result_queue, call_item.work_id, exception=exc, exit_pid=exit_pid)
        else:
            send_back(result_queue, call_item.work_id, result=r, exit_pid=exit_pid)
            del r
        del call_item
        if exit_pid is not None:
            return


class ForgetfulExecutor(ProcessPoolExecutor):
    def _spawn_process(self):
        p = self._mp_context.Process(
            target=worker,
            args=(self._call_queue, self._result_queue, self._initializer, self._initargs,
                  self._max_tasks_per_child))
        p.start()
        self._processes[p.pid] = p


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return ForgetfulExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_unpicklable_calls_and_results_fail_only_their_future":
        violated("succeeded"),
}
