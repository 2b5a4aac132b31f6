"""Bug: the server checks that a method is exposed inside the ``try`` around the method's call,
so its AttributeError ("method ... is not in exposed=...") is sent back as if the method had
raised it (``#ERROR``) and the client re-raises AttributeError; the real server makes the check
before that ``try`` and sends the refusal as a traceback (``#TRACEBACK``), which the client
raises as RemoteError.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import threading
from multiprocessing import managers as real
from multiprocessing import util

# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import AutoProxy, BaseProxy, DictProxy, RemoteError  # noqa: F401
from traceback import format_exc

from tests.mutants.base import mutant, violated


class Server(real.Server):
    def serve_client(self, conn):
        """The real serve_client, with the exposure check moved into the call's ``try``."""
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

                try:
                    if methodname not in exposed:  # the bug: inside the call's try
                        raise AttributeError(f"method {methodname!r} of {type(obj)!r} object "
                                             f"is not in exposed={exposed!r}")
                    function = getattr(obj, methodname)
                    res = function(*args, **kwds)
                except Exception as e:
                    msg = ("#ERROR", e)
                else:
                    typeid = gettypeid and gettypeid.get(methodname, None)
                    if typeid:
                        rident, rexposed = self.create(conn, typeid, res)
                        token = real.Token(typeid, self.address, rident)
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


class BaseManager(real.BaseManager):
    _Server = Server


managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_register_options_shape_the_proxies": violated("raised-other"),
}
