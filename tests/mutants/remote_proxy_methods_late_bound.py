"""Bug: auto-proxy types build each exposed method as a closure over the loop variable, which
is looked up when the method is called: every method of an auto-proxy calls the last exposed
method (``open.ping()`` calls ``secret``; a Factory's exposed list ends with ``make``, which
method_to_typeid adds, so ``snapshot()`` returns a proxy and ``make()``'s proxy answers
``ping()`` with ``secret``).  The real MakeProxyType binds each method's name when it builds it.

This module is the double's managers module (its ``managers`` attribute)."""

import sys
from multiprocessing import managers as real
from multiprocessing import process
# What the kit's actors take from a managers module, re-exported:
from multiprocessing.managers import BaseProxy, DictProxy, RemoteError  # noqa: F401

from tests.mutants.base import mutant, violated


def MakeProxyType(name, exposed, _cache={}):
    exposed = tuple(exposed)
    try:
        return _cache[(name, exposed)]
    except KeyError:
        pass
    dic = {}
    for meth in exposed:
        def method(self, /, *args, **kwds):
            return self._callmethod(meth, args, kwds)  # the bug: `meth` is read at call time
        method.__name__ = method.__qualname__ = meth
        dic[meth] = method
    ProxyType = type(name, (BaseProxy,), dic)
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
    "test_remote_manager.py::test_register_options_shape_the_proxies":
        violated("not-served", "not-a-proxy", "not-a-copy"),
}
