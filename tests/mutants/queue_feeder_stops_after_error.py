"""Bug: the feeder thread treats an error with an item as it treats a broken pipe: it gives the
item's slot back, reports the error and ends, so nothing put later leaves the process — the
next put() returns (its item buffered for a feeder that is gone) and a get() finds nothing.
The real feeder reports the error, drops that one item and goes on feeding."""

import sys
import threading
import weakref
from multiprocessing import queues
from multiprocessing.reduction import ForkingPickler
from multiprocessing.util import Finalize, is_exiting

from tests.mutants.base import mutant, violated


class StoppingQueue(queues.Queue):
    def _start_thread(self):
        self._buffer.clear()
        self._thread = threading.Thread(
            target=StoppingQueue._feed,
            args=(self._buffer, self._notempty, self._send_bytes, self._wlock,
                  self._reader.close, self._writer.close, self._on_queue_feeder_error,
                  self._sem),
            name="QueueFeederThread", daemon=True)
        self._thread.start()
        if not self._joincancelled:
            self._jointhread = Finalize(self._thread, queues.Queue._finalize_join,
                                        [weakref.ref(self._thread)], exitpriority=-5)
        self._close = Finalize(self, queues.Queue._finalize_close,
                               [self._buffer, self._notempty], exitpriority=10)

    @staticmethod
    def _feed(buffer, notempty, send_bytes, writelock, reader_close, writer_close, onerror,
              queue_sem):
        while True:
            try:
                with notempty:
                    if not buffer:
                        notempty.wait()
                try:
                    while True:
                        obj = buffer.popleft()
                        if obj is queues._sentinel:
                            reader_close()
                            writer_close()
                            return
                        obj = ForkingPickler.dumps(obj)
                        if sys.platform == "win32":
                            send_bytes(obj)
                        else:
                            with writelock:
                                send_bytes(obj)
                except IndexError:
                    pass
            except Exception as e:  # noqa: BLE001 (as the real feeder: any error with an item)
                if is_exiting():
                    return
                queue_sem.release()
                onerror(e, obj)
                return  # the bug: the feeder ends, as on a broken pipe


def queue(ctx, maxsize=0):
    return StoppingQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_unpicklable_item_is_dropped_and_frees_its_slot": violated("raised"),
}
