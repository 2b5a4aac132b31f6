"""Bug: an auto-proxy opening its connection sends ``accept_connection`` without reading the
server's reply, so the connection is one reply behind ever after: each call returns the reply
to the call before it (the first returns None).  The real proxy's ``_connect`` reads the reply
(``dispatch``) before it makes any call.  Proxies sent to another process keep the bug: they are
rebuilt by this module's AutoProxy.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
import threading
from multiprocessing import managers as real
from multiprocessing import process
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


class OneReplyBehind(BaseProxy):
    def _connect(self):
        name = process.current_process().name
        if threading.current_thread().name != "MainThread":
            name += "|" + threading.current_thread().name
        conn = self._Client(self._token.address, authkey=self._authkey)
        conn.send((None, "accept_connection", (name,), {}))  # the bug: the reply is not read
        self._tls.connection = conn

    def __reduce__(self):
        rebuild, (func, token, serializer, kwds) = super().__reduce__()
        return rebuild, (AutoProxy if func is real.AutoProxy else func, token, serializer, kwds)


def MakeProxyType(name, exposed, _cache={}):
    exposed = tuple(exposed)
    try:
        return _cache[(name, exposed)]
    except KeyError:
        pass
    dic = {}
    for meth in exposed:
        exec(f"def {meth}(self, /, *args, **kwds):\n"
             f"    return self._callmethod({meth!r}, args, kwds)", dic)
    ProxyType = type(name, (OneReplyBehind,), dic)
    ProxyType._exposed_ = exposed
    _cache[(name, exposed)] = ProxyType
    return ProxyType


def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=True,
              manager_owned=False):
    if exposed is None:
        conn = real.listener_client[serializer][1](token.address, authkey=authkey)
        try:
            exposed = real.dispatch(conn, None, "get_methods", (token,))
        finally:
            conn.close()
    if authkey is None and manager is not None:
        authkey = manager._authkey
    if authkey is None:
        authkey = process.current_process().authkey
    ProxyType = MakeProxyType(f"AutoProxy[{token.typeid}]", exposed)
    proxy = ProxyType(token, serializer, manager=manager, authkey=authkey, incref=incref,
                      manager_owned=manager_owned)
    proxy._isauto = True
    return proxy


BaseManager = real.BaseManager
managers = sys.modules[__name__]
get_context, get_all_start_methods = mutant()
KILLS = {
    "test_remote_manager.py::test_a_referent_is_deleted_once_no_proxy_refers_to_it":
        violated("deleted-while-referenced", "not-served"),
}
