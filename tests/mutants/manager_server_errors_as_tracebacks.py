"""Bug: the manager's server reports an exception raised by the referent's method as a traceback
(``'#TRACEBACK'``, which the proxy raises as RemoteError) instead of sending the exception itself
(``'#ERROR'``): every error of a referent — KeyError, IndexError, ValueError, queue.Full,
StopIteration ending an iterator ... — reaches the caller as RemoteError.  The real server sends
the exception, and ``_callmethod`` re-raises it with its own type."""

import sys
import threading
from multiprocessing import util
from multiprocessing.managers import Server, SyncManager, Token
from traceback import format_exc

from tests.mutants.base import mutant, violated


class TracebackServer(Server):
    def serve_client(self, conn):
        """CPython's ``Server.serve_client``, with a referent's exception sent as a traceback."""
        recv = conn.recv
        send = conn.send
        id_to_obj = self.id_to_obj

        while not self.stop_event.is_set():
            try:
                methodname = obj = None
                request = recv()
                ident, methodname, args, kwds = request
                try:
                    obj, exposed, gettypeid = id_to_obj[ident]
                except KeyError as ke:
                    try:
                        obj, exposed, gettypeid = self.id_to_local_proxy_obj[ident]
                    except KeyError:
                        raise ke from None

                if methodname not in exposed:
                    raise AttributeError(f"method {methodname!r} of {type(obj)!r} object "
                                         f"is not in exposed={exposed!r}")

                function = getattr(obj, methodname)

                try:
                    res = function(*args, **kwds)
                except Exception:
                    msg = ("#TRACEBACK", format_exc())  # the bug: not ("#ERROR", e)
                else:
                    typeid = gettypeid and gettypeid.get(methodname, None)
                    if typeid:
                        rident, rexposed = self.create(conn, typeid, res)
                        token = Token(typeid, self.address, rident)
                        msg = ("#PROXY", (rexposed, token))
                    else:
                        msg = ("#RETURN", res)

            except AttributeError:
                if methodname is None:
                    msg = ("#TRACEBACK", format_exc())
                else:
                    try:
                        fallback_func = self.fallback_mapping[methodname]
                        result = fallback_func(self, conn, ident, obj, *args, **kwds)
                        msg = ("#RETURN", result)
                    except Exception:
                        msg = ("#TRACEBACK", format_exc())

            except EOFError:
                util.debug("got EOF -- exiting thread serving %r",
                           threading.current_thread().name)
                sys.exit(0)

            except Exception:
                msg = ("#TRACEBACK", format_exc())

            try:
                try:
                    send(msg)
                except Exception:
                    send(("#UNSERIALIZABLE", format_exc()))
            except Exception:
                conn.close()
                sys.exit(1)


class TracebackManager(SyncManager):
    _Server = TracebackServer


def manager(ctx):
    started = TracebackManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_referent_exceptions_keep_their_type": violated("raised-other"),
    "test_manager_containers.py::test_task_done_called_too_often_raises_value_error":
        violated("raised-other"),
    "test_manager_containers.py::test_queue_proxy_raises_full_and_empty": violated("raised-other"),
    # the IndexError ending iteration by indexing, the StopIteration ending imap's iterator,
    # the AttributeError of a deleted Namespace attribute arrive as RemoteError too
    "test_manager_containers.py::test_array_proxy_is_a_shared_array": violated("raised"),
    "test_manager_containers.py::test_a_manager_pool_runs_tasks_in_its_workers":
        violated("raised"),
    "test_proxies.py::test_iterating_a_proxy_iterates_its_referent": violated("raised"),
    "test_manager_containers.py::test_namespace_attributes_can_be_set_read_and_deleted":
        violated("still-there"),
}
