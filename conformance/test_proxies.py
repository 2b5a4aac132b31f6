"""Proxies: what a proxy is and is not (a copy, a reference, a value), how referent errors reach
the caller, how proxies travel between processes, and what shutting a manager down does.

Docs: multiprocessing — Proxy Objects; Managers (BaseManager.shutdown, context manager
support); Sharing state between processes — Server process.
"""

import copy
import itertools
import pickle
import sys

from conformance.actors import managers as actors
from conformance.harness.scenario import shutdown_manager
from conformance.judge import Outcomes, expect_raises, violation


def module_of(manager, name):
    """``name`` from the managers module the manager's class comes from (e.g. RemoteError)."""
    for cls in type(manager).__mro__:
        found = getattr(sys.modules.get(cls.__module__), name, None)
        if found is not None:
            return found
    raise LookupError(f"no {name} in the modules of {type(manager).__name__}")


def test_str_is_the_referents_repr_and_repr_names_the_proxy(target):
    """``str(proxy)`` is the referent's repr; ``repr(proxy)`` describes the proxy and its
    typeid.

    Docs: multiprocessing — Proxy Objects ("Notice that applying str() to a proxy will return
    the representation of the referent, whereas applying repr() will return the representation
    of the proxy").
    Promises: MGR-5.
    """
    with target.scenario() as s:
        shared = s.manager().list([1, "two"])
        shown, described = str(shared), repr(shared)
    assert shown == repr([1, "two"]), f"str(proxy) is {shown!r}; expected {repr([1, 'two'])!r}"
    assert "typeid 'list'" in described and described != shown, \
        f"repr(proxy) is {described!r}; expected the proxy described, with typeid 'list'"


def test_a_proxy_never_equals_a_plain_value(target):
    """A proxy does not compare equal to a plain value, even one equal to its referent.

    Docs: multiprocessing — Proxy Objects (note: "The proxy types in multiprocessing do nothing
    to support comparisons by value").
    Promises: MGR-6.
    """
    with target.scenario() as s:
        manager = s.manager()
        pairs = [(manager.list([1, 2, 3]), [1, 2, 3]), (manager.dict({"a": 1}), {"a": 1})]
        compared = [(proxy == value, proxy != value) for proxy, value in pairs]
    assert compared == [(False, True), (False, True)], \
        f"(proxy == value, proxy != value) for a list and a dict: {compared}"


def test_slices_are_plain_copies(target):
    """Indexing or slicing a list proxy returns plain values: a slice is a ``list`` copy, and
    changing it leaves the shared list as it was.

    Docs: multiprocessing — Proxy Objects ("l[2:5]" in the example returns a plain list).
    Promises: MGR-7.
    """
    with target.scenario() as s:
        shared = s.manager().list([1, 2, 3, 4])
        piece, item = shared[1:3], shared[0]
        if isinstance(piece, list):
            piece.append(9)
        whole = shared._getvalue()
    assert type(piece) is list and piece == [2, 3, 9], f"l[1:3] gave {piece!r}"
    assert item == 1, f"l[0] gave {item!r}"
    assert whole == [1, 2, 3, 4], f"changing the slice changed the shared list to {whole}"


def test_referent_exceptions_keep_their_type(target):
    """An exception the referent's method raises reaches the caller with its own type.

    Docs: multiprocessing — Proxy Objects (_callmethod: "If an exception is raised by the call,
    then is re-raised by _callmethod()").
    Promises: MGR-8.
    """
    with target.scenario() as s:
        manager = s.manager()
        shared_dict, shared_list = manager.dict(), manager.list([1])
        expect_raises(KeyError, lambda: shared_dict["missing"], "d['missing']")
        expect_raises(KeyError, lambda: shared_dict.pop("missing"), "d.pop('missing')")
        expect_raises(IndexError, lambda: shared_list[5], "l[5] of a one-item list")
        expect_raises(ValueError, lambda: shared_list.remove(99), "l.remove(99)")
        expect_raises(TypeError, lambda: shared_list.append(), "l.append() with no argument")


def test_plain_nested_values_are_copies(target):
    """A plain list or dict fetched from a container proxy is a copy: changing it does not
    reach the manager until it is stored back.

    Docs: multiprocessing — Proxy Objects ("modifications to mutable values or items in dict
    and list proxies will not be propagated through the manager ... the modified value must be
    reassigned to the container proxy").
    Promises: MGR-9.
    """
    with target.scenario() as s:
        manager = s.manager()
        shared_dict, shared_list = manager.dict({"k": [1]}), manager.list([{"a": 0}])
        nested_list, nested_dict = shared_dict["k"], shared_list[0]
        nested_list.append(2)
        nested_dict.update({"a": 1})
        before = (shared_dict.copy()["k"], shared_list._getvalue()[0])
        shared_dict["k"], shared_list[0] = nested_list, nested_dict
        after = (shared_dict.copy()["k"], shared_list._getvalue()[0])
    assert before == ([1], {"a": 0}), \
        f"changing fetched values changed the shared ones before reassignment: {before}"
    assert after == ([1, 2], {"a": 1}), f"after reassignment the shared values are {after}"


def test_nested_proxies_are_references(target):
    """A proxy stored in a container proxy stays a reference to its referent: changes made
    through the original proxy show through the stored one, and a change another process makes
    through the stored one shows through the original.

    Docs: multiprocessing — Proxy Objects ("Proxy objects ... support nesting ... a[0] ...
    changes made through b show"; "Changed in version 3.6: Shared objects are capable of being
    nested").
    Promises: MGR-10, MGR-11.
    """
    with target.scenario() as s:
        manager = s.manager()
        inner = manager.dict()
        appended = manager.list()
        appended.append(inner)
        built = manager.list([0, inner])
        inner["later"] = 1
        seen_later = appended[0].get("later")
        s.run(actors.write_nested, [1], role="writer", stuck_in="a nested proxy call",
              extra_args=(built, "from-child", 2))
        final = inner.copy()
    assert seen_later == 1, f"a[0]['later'] after inner['later'] = 1 is {seen_later!r}"
    assert final == {"later": 1, "from-child": 2}, \
        f"after another process wrote through l[1], the inner dict is {final}"


def test_dict_views_are_list_copies(target):
    """``keys()``, ``values()`` and ``items()`` of a dict proxy return lists, copies taken at
    the call that later changes do not alter.

    Docs: multiprocessing — Proxy Objects (results are returned by copy); CPython registers the
    dict view types to pickle as lists.
    Promises: MGR-12.
    """
    with target.scenario() as s:
        shared = s.manager().dict({"a": 1})
        views = [shared.keys(), shared.values(), shared.items()]
        shared["b"] = 2
        taken = [(type(view).__name__, list(view)) for view in views]
    assert taken == [("list", ["a"]), ("list", [1]), ("list", [("a", 1)])], \
        f"(type, contents) of keys(), values(), items() after a later write: {taken}"


def test_iterating_a_proxy_iterates_its_referent(target):
    """Iterating a dict proxy yields the dict's keys in insertion order; iterating a list proxy
    yields the list's elements.

    Docs: multiprocessing — Managers (SyncManager.dict, SyncManager.list: proxies of a dict and a
    list); Proxy Objects (a proxy forwards its referent's methods).
    Promises: MGR-13.
    """
    with target.scenario() as s:
        manager = s.manager()
        keyed, listed = manager.dict({"b": 1, "a": 2}), manager.list([3, [4], "five"])
        keys, elements = list(itertools.islice(keyed, 3)), list(itertools.islice(listed, 4))
    assert keys == ["b", "a"], f"iterating dict proxy of {{'b': 1, 'a': 2}} gave {keys}"
    assert elements == [3, [4], "five"], \
        f"iterating list proxy of [3, [4], 'five'] gave {elements}"


def test_deepcopy_copies_the_value_but_pickling_keeps_the_referent(target):
    """``copy.deepcopy(proxy)`` is a plain copy of the referent, while a pickled and unpickled
    proxy is a proxy to the same referent.

    Docs: multiprocessing — Proxy Objects ("Proxy objects are picklable"); BaseProxy
    (``__deepcopy__`` returns the referent's value, ``__reduce__`` rebuilds the proxy).
    Promises: MGR-14.
    """
    with target.scenario() as s:
        shared = s.manager().dict({"a": 1})
        copied = copy.deepcopy(shared)
        if isinstance(copied, dict):
            copied["copy-only"] = True
        unpickled = pickle.loads(pickle.dumps(shared))
        unpickled["through-pickle"] = True
        final = shared.copy()
    assert type(copied) is dict, f"deepcopy(proxy) is a {type(copied).__name__}"
    assert type(unpickled) is type(shared), \
        f"unpickling a {type(shared).__name__} gave a {type(unpickled).__name__}"
    assert final == {"a": 1, "through-pickle": True}, \
        f"after writing to the deep copy and to the unpickled proxy the dict is {final}"


def test_unexposed_methods_raise_remote_error(target):
    """``_callmethod`` of a method the proxy does not expose — a public one left out, or any
    name starting with '_' — raises RemoteError.

    Docs: multiprocessing — Proxy Objects (_callmethod: "If an exception is raised in the
    manager's process then this is converted into a RemoteError exception"); BaseManager.register
    (exposed).
    Promises: MGR-35.
    """
    with target.scenario() as s:
        manager = s.manager()
        remote_error = module_of(manager, "RemoteError")
        shared = manager.dict({"a": 1})
        expect_raises(remote_error, lambda: shared._callmethod("fromkeys", (["b"],)),
                      "_callmethod('fromkeys') on a dict proxy")
        expect_raises(remote_error, lambda: shared._callmethod("__sizeof__"),
                      "_callmethod('__sizeof__') on a dict proxy")
        intact = shared.copy()
    assert intact == {"a": 1}, f"the refused calls changed the dict to {intact}"


ROUTES = ("argument", "queue", "pipe")


def test_proxies_sent_to_other_processes_keep_their_referent(target):
    """A proxy passed as a Process argument, put on a ``ctx.Queue`` or sent through a
    ``ctx.Pipe`` arrives as a proxy to the same referent: writes through it reach the parent.

    Docs: multiprocessing — Proxy Objects ("proxies are picklable so they can be passed
    between processes"); Programming guidelines (explicitly pass resources to child processes).
    Promises: MGR-37, INH-9.
    """
    with target.scenario() as s:
        shared = s.manager().dict()
        carriers = {"argument": shared, "queue": s.keep(target.ctx.Queue()),
                    "pipe": target.ctx.Pipe(duplex=False)}
        children = [s.start(actors.receive_and_write, route,
                            carriers[route][0] if route == "pipe" else carriers[route],
                            route, number, s.deadline, role=f"receiver by {route}")
                    for number, route in enumerate(ROUTES)]
        carriers["queue"].put(shared)  # after the forks: put() starts the queue's feeder thread
        carriers["pipe"][1].send(shared)
        received = s.join(children, stuck_in="receiving a proxy or writing through it")
        final = shared.copy()
    outcomes = Outcomes(
        unit="proxies sent to another process",
        acceptable={"same-referent": "arrived as a proxy whose write reached the parent"},
        forbidden={"detached": "arrived as something else, or its write did not reach the "
                               "parent"},
    )
    for number, (route, kind) in enumerate(zip(ROUTES, received)):
        outcomes.expect(kind == type(shared).__name__ and final.get(route) == number, "detached",
                        f"by {route}: arrived as {kind}, the parent's dict holds "
                        f"{final.get(route, '<missing>')!r}", "same-referent")
    outcomes.verdict()


def server_children(target, before):
    return [p for p in target.ctx.active_children() if p not in before]


def expect_dead_and_refusing(server, proxies, when):
    """The server process has exited and each proxy call raises an OSError subclass."""
    alive = [p.pid for p in server if p.is_alive()]
    if alive:
        raise violation("server-running", f"{when}: the manager's server process {alive} "
                                          f"is still running")
    for what, call in proxies:
        expect_raises(OSError, call, f"{what} {when}")


def test_shutdown_stops_the_server(target):
    """``shutdown()`` stops the manager's server process; afterwards proxy calls raise an
    OSError subclass, and a second ``shutdown()`` is harmless.

    Docs: multiprocessing — Managers (BaseManager.shutdown: "Stop the process used by the
    manager ... may be called multiple times"); the proxies' connections are then refused or
    broken.
    Promises: MGR-38, MGR-39.
    """
    before = set(target.ctx.active_children())
    manager = target.ctx.Manager()
    try:
        server = server_children(target, before)
        assert server, "Manager() started no server process"
        used, unused = manager.dict(), manager.list()
        used["k"] = 1
        manager.shutdown()
        expect_dead_and_refusing(server, [("d['k'] = 2", lambda: used.__setitem__("k", 2)),
                                          ("l.append(1)", lambda: unused.append(1))],
                                 "after shutdown()")
        manager.shutdown()
    finally:
        shutdown_manager(manager)


def test_leaving_the_with_block_shuts_the_manager_down(target):
    """``with manager:`` returns the manager, and leaving the block shuts it down: its server
    process has exited and its proxies refuse calls.

    Docs: multiprocessing — Managers (BaseManager: "Manager objects support the context
    management protocol ... __exit__() calls shutdown()").
    Promises: MGR-2.
    """
    before = set(target.ctx.active_children())
    manager = target.ctx.Manager()
    try:
        server = server_children(target, before)
        with manager as entered:
            shared = entered.dict()
            shared["k"] = 1
        assert entered is manager, "with manager as m: m is not the manager"
        expect_dead_and_refusing(server, [("d['k'] = 2", lambda: shared.__setitem__("k", 2))],
                                 "after the with block")
    finally:
        shutdown_manager(manager)


def test_manager_returns_a_started_manager(target):
    """``Manager()`` returns a manager already started: its server process runs, its address is
    set, and a proxy works without calling ``start()``.

    Docs: multiprocessing — Managers (multiprocessing.Manager: "Returns a started SyncManager
    object ... The returned manager object corresponds to a spawned child process").
    Promises: MGR-1.
    """
    before = set(target.ctx.active_children())
    with target.scenario() as s:
        manager = s.manager()
        address, server = manager.address, server_children(target, before)
        assert address is not None, "Manager() returned a manager whose address is None"
        assert server, "Manager() started no server process"
        shared = manager.dict()
        shared["k"] = 1
        assert shared.copy() == {"k": 1}, f"a dict proxy of Manager() holds {shared.copy()}"


def test_callmethod_returns_a_copy_of_the_result(target):
    """``proxy._callmethod(name, args, kwds)`` calls the referent's method in the manager with
    those arguments and returns a copy of its result.

    Docs: multiprocessing — Proxy Objects (BaseProxy._callmethod: "Call and return the result of
    a method of the proxy's referent ... a copy of the result is returned").
    Promises: MGR-34.
    """
    with target.scenario() as s:
        shared = s.manager().list([[1], 3, 2])
        first = shared._callmethod("__getitem__", (0,))
        first.append(9)
        counted = shared._callmethod("count", (3,))
        shared._callmethod("pop", (0,))
        shared._callmethod("sort", (), {"reverse": True})
        whole = shared[:]
    assert first == [1, 9] and counted == 1, \
        f"_callmethod('__getitem__', (0,)) gave {first!r}, _callmethod('count', (3,)) {counted!r}"
    assert whole == [3, 2], \
        f"after pop(0) and _callmethod('sort', (), {{'reverse': True}}) the list is {whole}"


def test_getvalue_returns_a_copy_of_the_referent(target):
    """``proxy._getvalue()`` returns a plain copy of the referent: changing it changes neither
    the referent nor what a later ``_getvalue()`` returns.

    Docs: multiprocessing — Proxy Objects (BaseProxy._getvalue: "Return a copy of the
    referent").
    Promises: MGR-36.
    """
    with target.scenario() as s:
        shared = s.manager().list([1, [2]])
        value = shared._getvalue()
        if isinstance(value, list):
            value.append("x")
            value[1].append("y")
        again, whole = shared._getvalue(), shared[:]
    assert type(value) is list, f"_getvalue() of a list proxy returned {type(value).__name__}"
    assert again == whole == [1, [2]], \
        f"after changing the copy, _getvalue() gives {again!r} and l[:] {whole!r}"


def test_getvalue_of_an_unpicklable_referent_raises(target):
    """``_getvalue()`` of a proxy whose referent cannot be pickled (a Lock's: a thread lock)
    raises RemoteError.

    Docs: multiprocessing — Proxy Objects (BaseProxy._getvalue: "If the referent is
    unpicklable then this will raise an exception").
    Promises: MGR-36.
    """
    with target.scenario() as s:
        manager = s.manager()
        expect_raises(module_of(manager, "RemoteError"), manager.Lock()._getvalue,
                      "_getvalue() of a Lock proxy (an unpicklable referent)")
