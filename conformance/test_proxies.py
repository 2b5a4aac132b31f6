"""Proxies: what a proxy is and is not (a copy, a reference, a value), how referent errors reach
the caller, how proxies travel between processes, and what shutting a manager down — or losing
it — does to its server.

Docs: multiprocessing — Proxy Objects; Managers (BaseManager.shutdown, context manager
support); Sharing state between processes — Server process.

A manager's server process is found as the child that ``Manager()`` added to
``active_children()``; the kit never reads a manager's private attributes to find it.
"""

import copy
import gc
import itertools
import pickle

from conformance.actors import managers as actors
from conformance.harness import servers
from conformance.harness.bookkeeping import contents, managers_attribute
from conformance.harness.scenario import shutdown_manager
from conformance.judge import OutcomeTable, expect_raises, judged

STR_AND_REPR = OutcomeTable(
    unit="renderings of a list proxy",
    acceptable={"as-documented": "str() is the referent's repr, repr() describes the proxy"},
    forbidden={"str-not-referent": "str(proxy) is not the referent's repr",
               "repr-not-proxy": "repr(proxy) does not describe the proxy and its typeid"},
)

NO_VALUE_COMPARISON = OutcomeTable(
    unit="comparisons of a proxy with an equal plain value",
    acceptable={"unequal": "== gave False and != gave True"},
    forbidden={"equal-by-value": "the proxy compared equal to the plain value"},
)

PLAIN_COPIES = OutcomeTable(
    unit="values fetched from a list proxy",
    acceptable={"plain-copy": "a plain value, changing which leaves the shared list as it was"},
    forbidden={"not-plain": "indexing or slicing returned something other than a plain value",
               "shared-changed": "changing the fetched value changed the shared list"},
)

NESTED_COPIES = OutcomeTable(
    unit="plain values fetched from container proxies",
    acceptable={"copy-until-stored": "changes reached the manager only once stored back"},
    forbidden={"propagated": "changing the fetched value changed the shared one before it was "
                             "stored back",
               "not-stored": "storing the changed value back did not change the shared one"},
)

NESTED_REFERENCES = OutcomeTable(
    unit="changes through nested proxies",
    acceptable={"shared": "a change through one proxy showed through the other"},
    forbidden={"detached": "a change through one proxy did not show through the other"},
)

VIEW_COPIES = OutcomeTable(
    unit="views of a dict proxy",
    acceptable={"list-copy": "a list holding the dict's view when it was taken"},
    forbidden={"not-a-list": "keys(), values() or items() returned something other than a list",
               "live": "it changed with a later write to the dict"},
)

ITERATION = OutcomeTable(
    unit="iterations of a proxy",
    acceptable={"referent-order": "yielded the referent's keys or elements, in order"},
    forbidden={"other-elements": "yielded something else"},
)

DEEPCOPY_AND_PICKLE = OutcomeTable(
    unit="copies of a dict proxy",
    acceptable={"as-documented": "deepcopy is a detached plain dict, an unpickled proxy a proxy "
                                 "to the same dict"},
    forbidden={"deepcopy-not-plain": "copy.deepcopy(proxy) is not a plain dict",
               "deepcopy-attached": "writing to the deep copy changed the shared dict",
               "unpickled-detached": "the unpickled proxy is not a proxy to the same dict"},
)

REFUSED_INTACT = OutcomeTable(
    unit="referents after refused calls",
    acceptable={"intact": "unchanged by the calls refused with RemoteError"},
    forbidden={"changed": "a refused call changed the referent"},
)

SENT = OutcomeTable(
    unit="proxies sent to another process",
    acceptable={"same-referent": "arrived as a proxy whose write reached the parent"},
    forbidden={"detached": "arrived as something else, or its write did not reach the parent"},
)

WITH_MANAGER = OutcomeTable(
    unit="with blocks on a started manager",
    acceptable={"as-documented": "with returned the manager itself"},
    forbidden={"not-itself": "with manager as m: m is not the manager"},
)

STOPPED = OutcomeTable(
    unit="server processes after the manager was shut down",
    acceptable={"stopped": "the server process has exited"},
    forbidden={"server-running": "the server process is still running"},
)

STARTED = OutcomeTable(
    unit="managers returned by Manager()",
    acceptable={"started": "has an address and a running server process, and serves proxies"},
    forbidden={"not-started": "has no address or no server process",
               "not-served": "a proxy it made did not hold what was written through it"},
)

CALLMETHOD = OutcomeTable(
    unit="_callmethod calls",
    acceptable={"as-called": "ran the referent's method with the arguments given and returned "
                             "a copy of its result"},
    forbidden={"wrong-result": "returned something other than the method's result",
               "not-a-copy": "changing the returned value changed the referent",
               "arguments-dropped": "the referent's method did not get the arguments given"},
)

GETVALUE = OutcomeTable(
    unit="_getvalue calls",
    acceptable={"copy": "a plain copy of the referent"},
    forbidden={"not-plain": "returned something other than a plain list",
               "aliased": "changing a returned copy changed the referent or a later copy"},
)

OUTLIVED = OutcomeTable(
    unit="server processes of managers that are gone",
    acceptable={"exited": "the server process exited"},
    forbidden={"outlived": "the server process still ran after its manager was garbage-collected"},
)


def test_str_is_the_referents_repr_and_repr_names_the_proxy(target):
    """``str(proxy)`` is the referent's repr; ``repr(proxy)`` describes the proxy and its
    typeid.

    Docs: multiprocessing — Proxy Objects ("Notice that applying str() to a proxy will return
    the representation of the referent, whereas applying repr() will return the representation
    of the proxy").
    Promises: MGR-5.
    """
    with target.scenario() as s:
        shared = s.kept_manager().list([1, "two"])
        with judged("str() and repr() of a list proxy"):
            shown, described = str(shared), repr(shared)
    outcomes = STR_AND_REPR.counter()
    outcomes.expect(shown == repr([1, "two"]), "str-not-referent",
                    f"str(proxy) is {shown!r}; expected {repr([1, 'two'])!r}", "as-documented")
    outcomes.expect("typeid 'list'" in described, "repr-not-proxy",
                    f"repr(proxy) is {described!r}", "as-documented")
    outcomes.verdict()


def test_a_proxy_never_equals_a_plain_value(target):
    """A proxy does not compare equal to a plain value, even one equal to its referent.

    Docs: multiprocessing — Proxy Objects (note: "The proxy types in multiprocessing do nothing
    to support comparisons by value").
    Promises: MGR-6.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
        pairs = [("list", manager.list([1, 2, 3]), [1, 2, 3]),
                 ("dict", manager.dict({"a": 1}), {"a": 1})]
        with judged("== and != between a proxy and a plain value"):
            compared = [(kind, proxy == value, proxy != value) for kind, proxy, value in pairs]
    outcomes = NO_VALUE_COMPARISON.counter()
    for kind, equal, unequal in compared:
        outcomes.expect((equal, unequal) == (False, True), "equal-by-value",
                        f"a {kind} proxy == its value gave {equal}, != gave {unequal}",
                        "unequal")
    outcomes.verdict()


def test_slices_are_plain_copies(target):
    """Indexing or slicing a list proxy returns plain values: a slice is a ``list`` copy, the
    lists inside it copies too, and changing it (or a list inside it) leaves the shared list as
    it was.

    Docs: multiprocessing — Proxy Objects ("l[2:5]" in the example returns a plain list).
    Promises: MGR-7.
    """
    with target.scenario() as s:
        shared = s.kept_manager().list([1, [2], 3, 4])
        with judged("l[1:3] and l[0] of a list proxy"):
            piece, item = shared[1:3], shared[0]
        if type(piece) is list:
            piece.append(9)
            if type(piece[0]) is list:  # a shallow copy would share this list with the referent
                piece[0].append(8)
        whole = contents(shared, "read the shared list after the slice was changed")
    outcomes = PLAIN_COPIES.counter()
    outcomes.expect(type(piece) is list and piece == [[2, 8], 3, 9], "not-plain",
                    f"l[1:3] gave {piece!r}, a {type(piece).__name__}", "plain-copy")
    outcomes.expect(type(item) is int and item == 1, "not-plain",
                    f"l[0] gave {item!r}, a {type(item).__name__}", "plain-copy")
    outcomes.expect(whole == [1, [2], 3, 4], "shared-changed",
                    f"changing the slice and the list in it changed the shared list to {whole}",
                    "plain-copy")
    outcomes.verdict()


def test_referent_exceptions_keep_their_type(target):
    """An exception the referent's method raises reaches the caller with its own type.

    Docs: multiprocessing — Proxy Objects (_callmethod: "If an exception is raised by the call,
    then is re-raised by _callmethod()").
    Promises: MGR-8.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
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
    read = "read the shared containers' nested values"
    with target.scenario() as s:
        manager = s.kept_manager()
        shared_dict, shared_list = manager.dict({"k": [1]}), manager.list([{"a": 0}])
        with judged("d['k'] and l[0], then changing what they returned"):
            nested_list, nested_dict = shared_dict["k"], shared_list[0]
            nested_list.append(2)
            nested_dict.update({"a": 1})
        before = (contents(shared_dict, read)["k"], contents(shared_list, read)[0])
        with judged("storing the changed values back"):
            shared_dict["k"], shared_list[0] = nested_list, nested_dict
        after = (contents(shared_dict, read)["k"], contents(shared_list, read)[0])
    outcomes = NESTED_COPIES.counter()
    outcomes.expect(before == ([1], {"a": 0}), "propagated",
                    f"before storing back the shared values are {before}", "copy-until-stored")
    outcomes.expect(after == ([1, 2], {"a": 1}), "not-stored",
                    f"after storing back the shared values are {after}", "copy-until-stored")
    outcomes.verdict()


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
        manager = s.kept_manager()
        inner = manager.dict()
        appended = manager.list()
        with judged("storing a dict proxy in list proxies, then writing through it"):
            appended.append(inner)
            built = manager.list([0, inner])
            inner["later"] = 1
            seen_later = appended[0].get("later")
        s.run(actors.write_nested, [1], role="writer", stuck_in="a nested proxy call",
              extra_args=(built, "from-child", 2))
        final = contents(inner, "read the inner dict after another process wrote through l[1]")
    outcomes = NESTED_REFERENCES.counter()
    outcomes.expect(seen_later == 1, "detached",
                    f"a[0].get('later') after inner['later'] = 1 is {seen_later!r}", "shared")
    outcomes.expect(final.get("from-child") == 2, "detached",
                    f"after another process wrote through l[1], the inner dict is {final}",
                    "shared")
    outcomes.verdict()


def test_dict_views_are_list_copies(target):
    """``keys()``, ``values()`` and ``items()`` of a dict proxy return lists, copies taken at
    the call that later changes do not alter.

    Docs: multiprocessing — Proxy Objects (results are returned by copy); CPython registers the
    dict view types to pickle as lists.
    Promises: MGR-12.
    """
    with target.scenario() as s:
        shared = s.kept_manager().dict({"a": 1})
        with judged("keys(), values() and items() of a dict proxy, then a write"):
            views = [("keys()", shared.keys(), ["a"]), ("values()", shared.values(), [1]),
                     ("items()", shared.items(), [("a", 1)])]
            shared["b"] = 2
            taken = [(call, view, list(view), expected) for call, view, expected in views]
    outcomes = VIEW_COPIES.counter()
    for call, view, listed, expected in taken:
        if type(view) is not list:
            outcomes.observe("not-a-list", f"{call} returned a {type(view).__name__}")
        outcomes.expect(listed == expected, "live",
                        f"{call} after a later write holds {listed}; expected {expected}",
                        "list-copy")
    outcomes.verdict()


def test_iterating_a_proxy_iterates_its_referent(target):
    """Iterating a dict proxy yields the dict's keys in insertion order; iterating a list proxy
    yields the list's elements.

    Docs: multiprocessing — Managers (SyncManager.dict, SyncManager.list: proxies of a dict and a
    list); Proxy Objects (a proxy forwards its referent's methods).
    Promises: MGR-13.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
        keyed, listed = manager.dict({"b": 1, "a": 2}), manager.list([3, [4], "five"])
        with judged("iterating a dict proxy and a list proxy"):
            keys, elements = list(itertools.islice(keyed, 3)), list(itertools.islice(listed, 4))
    outcomes = ITERATION.counter()
    outcomes.expect(keys == ["b", "a"], "other-elements",
                    f"iterating a dict proxy of {{'b': 1, 'a': 2}} gave {keys}", "referent-order")
    outcomes.expect(elements == [3, [4], "five"], "other-elements",
                    f"iterating a list proxy of [3, [4], 'five'] gave {elements}",
                    "referent-order")
    outcomes.verdict()


def test_deepcopy_copies_the_value_but_pickling_keeps_the_referent(target):
    """``copy.deepcopy(proxy)`` is a plain copy of the referent, while a pickled and unpickled
    proxy is a proxy to the same referent.

    Docs: multiprocessing — Proxy Objects ("Proxy objects are picklable"); BaseProxy
    (``__deepcopy__`` returns the referent's value, ``__reduce__`` rebuilds the proxy).
    Promises: MGR-14.
    """
    with target.scenario() as s:
        shared = s.kept_manager().dict({"a": 1})
        with judged("copy.deepcopy(proxy), and pickling and unpickling it"):
            copied = copy.deepcopy(shared)
            unpickled = pickle.loads(pickle.dumps(shared))
        if type(copied) is dict:
            copied["copy-only"] = True
        with judged("writing through the unpickled proxy"):
            unpickled["through-pickle"] = True
        final = contents(shared, "read the shared dict after both writes")
    outcomes = DEEPCOPY_AND_PICKLE.counter()
    outcomes.expect(type(copied) is dict, "deepcopy-not-plain",
                    f"deepcopy(proxy) is a {type(copied).__name__}", "as-documented")
    outcomes.expect("copy-only" not in final, "deepcopy-attached",
                    f"after writing to the deep copy the dict is {final}", "as-documented")
    outcomes.expect(type(unpickled) is type(shared) and final.get("through-pickle") is True,
                    "unpickled-detached",
                    f"unpickling a {type(shared).__name__} gave a {type(unpickled).__name__}; "
                    f"after writing through it the dict is {final}", "as-documented")
    outcomes.verdict()


def test_unexposed_methods_raise_remote_error(target):
    """``_callmethod`` of a method the proxy does not expose — a public one left out, or any
    name starting with '_' — raises RemoteError, and does not run: a refused ``__ior__``
    leaves the dict as it was.

    Docs: multiprocessing — Proxy Objects (_callmethod: "If an exception is raised in the
    manager's process then this is converted into a RemoteError exception"); BaseManager.register
    (exposed).
    Promises: MGR-35.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
        remote_error = managers_attribute(manager, "RemoteError", "name the error expected")
        shared = manager.dict({"a": 1})
        expect_raises(remote_error, lambda: shared._callmethod("fromkeys", (["b"],)),
                      "_callmethod('fromkeys') on a dict proxy")
        expect_raises(remote_error, lambda: shared._callmethod("__sizeof__"),
                      "_callmethod('__sizeof__') on a dict proxy")
        expect_raises(remote_error, lambda: shared._callmethod("__ior__", ({"b": 2},)),
                      "_callmethod('__ior__', ({'b': 2},)) on a dict proxy")
        intact = contents(shared, "read the dict after the refused calls")
    outcomes = REFUSED_INTACT.counter()
    outcomes.expect(intact == {"a": 1}, "changed", f"the refused calls changed the dict to "
                                                   f"{intact}", "intact")
    outcomes.verdict()


ROUTES = ("argument", "queue", "pipe")


def test_proxies_sent_to_other_processes_keep_their_referent(target):
    """A proxy passed as a Process argument, put on a ``ctx.Queue`` or sent through a
    ``ctx.Pipe`` arrives as a proxy to the same referent: writes through it reach the parent.

    Docs: multiprocessing — Proxy Objects ("proxies are picklable so they can be passed
    between processes"); Programming guidelines (explicitly pass resources to child processes).
    Promises: MGR-37, INH-9.
    """
    with target.scenario() as s:
        shared = s.kept_manager().dict()
        carriers = {"argument": shared, "queue": s.keep(target.ctx.Queue()),
                    "pipe": target.ctx.Pipe(duplex=False)}
        children = [s.start(actors.receive_and_write, route,
                            carriers[route][0] if route == "pipe" else carriers[route],
                            route, number, s.deadline, role=f"receiver by {route}")
                    for number, route in enumerate(ROUTES)]
        carriers["queue"].put(shared)  # after the forks: put() starts the queue's feeder thread
        carriers["pipe"][1].send(shared)
        received = s.join(children, stuck_in="receiving a proxy or writing through it")
        final = contents(shared, "read the dict the receivers wrote into")
    outcomes = SENT.counter()
    for number, (route, kind) in enumerate(zip(ROUTES, received)):
        outcomes.expect(kind == type(shared).__name__ and final.get(route) == number, "detached",
                        f"by {route}: arrived as {kind}, the parent's dict holds "
                        f"{final.get(route, '<missing>')!r}", "same-referent")
    outcomes.verdict()


def expect_stopped(server, when):
    """The manager's server process has exited."""
    outcomes = STOPPED.counter()
    for process in server:
        outcomes.expect(not process.is_alive(), "server-running",
                        f"{when}: the manager's server process {process.pid} is still running",
                        "stopped")
    outcomes.verdict()


def test_shutdown_stops_the_server(target):
    """``shutdown()`` stops the manager's server process; afterwards proxy calls raise an
    OSError subclass and creating a shared object raises, and a second ``shutdown()`` is
    harmless.

    Docs: multiprocessing — Managers (BaseManager.shutdown: "Stop the process used by the
    manager ... may be called multiple times"); the proxies' connections are then refused or
    broken.
    Promises: MGR-38.
    """
    before = set(target.ctx.active_children())
    manager = target.ctx.Manager()
    try:
        server = [servers.the_server(target.ctx, before, "see it stop")]
        with judged("using, then shutting down, a manager"):
            used, unused = manager.dict(), manager.list()
            used["k"] = 1
            manager.shutdown()
        expect_stopped(server, "after shutdown()")
        expect_raises(OSError, lambda: used.__setitem__("k", 2),
                      "d['k'] = 2 through a proxy used before shutdown()")
        expect_raises(OSError, lambda: unused.append(1),
                      "l.append(1) through a proxy first used after shutdown()")
        expect_raises(Exception, manager.dict, "manager.dict() after shutdown()")
        with judged("a second shutdown()"):
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
        server = [servers.the_server(target.ctx, before, "see it stop")]
        with judged("with manager as m: using m.dict(), then leaving the block"):
            with manager as entered:
                shared = entered.dict()
                shared["k"] = 1
        outcomes = WITH_MANAGER.counter()
        outcomes.expect(entered is manager, "not-itself", f"with manager as m: m is {entered!r}",
                        "as-documented")
        outcomes.verdict()
        expect_stopped(server, "after the with block")
        expect_raises(OSError, lambda: shared.__setitem__("k", 2),
                      "d['k'] = 2 after the with block")
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
    outcomes = STARTED.counter()
    with target.scenario() as s:
        manager = s.manager()
        address, server = manager.address, servers.started_since(target.ctx, before)
        outcomes.expect(address is not None and server, "not-started",
                        f"right after Manager(): address {address}, server processes "
                        f"{[p.pid for p in server]}", "started")
        with judged("d['k'] = 1 through a dict proxy of Manager()"):
            shared = manager.dict()
            shared["k"] = 1
        held = contents(shared, "read the dict written")
        outcomes.expect(held == {"k": 1}, "not-served", f"the dict proxy holds {held}",
                        "started")
    outcomes.verdict()


def test_callmethod_returns_a_copy_of_the_result(target):
    """``proxy._callmethod(name, args, kwds)`` calls the referent's method in the manager with
    those arguments and returns a copy of its result.

    Docs: multiprocessing — Proxy Objects (BaseProxy._callmethod: "Call and return the result of
    a method of the proxy's referent ... a copy of the result is returned").
    Promises: MGR-34.
    """
    with target.scenario() as s:
        shared = s.kept_manager().list([[1], 3, 2])
        with judged("_callmethod() of a list proxy"):
            first = shared._callmethod("__getitem__", (0,))
            first.append(9)
            refetched = shared._callmethod("__getitem__", (0,))
            counted = shared._callmethod("count", (3,))
            shared._callmethod("pop", (0,))
            shared._callmethod("sort", (), {"reverse": True})
        whole = contents(shared, "read the list after the calls")
    outcomes = CALLMETHOD.counter()
    outcomes.expect(first == [1, 9] and counted == 1, "wrong-result",
                    f"_callmethod('__getitem__', (0,)) gave {first!r}, "
                    f"_callmethod('count', (3,)) {counted!r}", "as-called")
    outcomes.expect(refetched == [1], "not-a-copy",
                    f"after changing what __getitem__ returned, l[0] is {refetched!r}",
                    "as-called")
    outcomes.expect(whole == [3, 2], "arguments-dropped",
                    f"after pop(0) and _callmethod('sort', (), {{'reverse': True}}) the list is "
                    f"{whole}", "as-called")
    outcomes.verdict()


def test_getvalue_returns_a_copy_of_the_referent(target):
    """``proxy._getvalue()`` returns a plain copy of the referent: changing it changes neither
    the referent nor what a later ``_getvalue()`` returns.

    Docs: multiprocessing — Proxy Objects (BaseProxy._getvalue: "Return a copy of the
    referent").
    Promises: MGR-36.
    """
    with target.scenario() as s:
        shared = s.kept_manager().list([1, [2]])
        with judged("_getvalue() of a list proxy"):
            value = shared._getvalue()
        if type(value) is list:
            value.append("x")
            value[1].append("y")
        with judged("_getvalue() and l[:] after the copy was changed"):
            again, whole = shared._getvalue(), shared[:]
    outcomes = GETVALUE.counter()
    outcomes.expect(type(value) is list, "not-plain",
                    f"_getvalue() of a list proxy returned a {type(value).__name__}", "copy")
    outcomes.expect(again == whole == [1, [2]], "aliased",
                    f"after changing the copy, _getvalue() gives {again!r} and l[:] {whole!r}",
                    "copy")
    outcomes.verdict()


def test_getvalue_of_an_unpicklable_referent_raises(target):
    """``_getvalue()`` of a proxy whose referent cannot be pickled (a Lock's: a thread lock)
    raises RemoteError.

    Docs: multiprocessing — Proxy Objects (BaseProxy._getvalue: "If the referent is
    unpicklable then this will raise an exception").
    Promises: MGR-36.
    """
    with target.scenario() as s:
        manager = s.kept_manager()
        expect_raises(managers_attribute(manager, "RemoteError", "name the error expected"),
                      manager.Lock()._getvalue,
                      "_getvalue() of a Lock proxy (an unpicklable referent)")


def test_a_collected_manager_stops_its_server(target):
    """Once the last reference to a started manager (and to its proxies) is gone, the manager
    is garbage-collected and its server process exits.

    Docs: multiprocessing — Managers ("Manager processes will be shutdown as soon as they are
    garbage collected or their parent process exits").
    Promises: MGR-39.
    """
    before = set(target.ctx.active_children())
    manager = target.ctx.Manager()
    server = servers.started_since(target.ctx, before)
    try:
        server = [servers.the_server(target.ctx, before, "see it exit")]
        with judged("using a dict proxy of Manager()"):
            shared = manager.dict()
            shared["k"] = 1
        del shared, manager
        gc.collect()
        for process in server:
            process.join(target.deadline)  # "as soon as": generous, for a loaded machine
        outcomes = OUTLIVED.counter()
        for process in server:
            outcomes.expect(not process.is_alive(), "outlived",
                            f"the server process {process.pid} still ran {target.deadline:g} s "
                            f"after its manager was collected", "exited")
        outcomes.verdict()
    finally:
        servers.stop(server)


def test_a_managers_server_exits_with_the_process_that_started_it(target):
    """A process that started a manager and returns without shutting it down exits, and the
    manager's server process exits with it.

    Docs: multiprocessing — Managers ("Manager processes will be shutdown as soon as they are
    garbage collected or their parent process exits").
    Promises: MGR-39.
    """
    with target.scenario() as s:
        board = s.board(1)
        owner = s.start(actors.own_a_manager, target.implementation, target.method, board,
                        role="owner", daemon=False)  # it starts a process: not daemonic
        try:
            s.join([owner], stuck_in="the exit of a process whose manager still runs")
            servers.await_exit(board[actors.SERVER_PID], s.deadline,
                               "the manager's server process to exit after its parent did")
        finally:
            servers.kill_pid(board[actors.SERVER_PID])
