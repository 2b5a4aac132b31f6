"""The pytest plugin: options, the ``target`` fixture, profiles.  The machinery lives elsewhere.

Options (each with an ini equivalent):

``--mp-impl MODULE``      implementation under test (ini ``mp_impl``; default ``multiprocessing``)
``--start-method NAME``   repeatable; default every method the implementation offers here
``--mp-deadline SECONDS`` bound on every wait and join (ini ``mp_deadline``; default 30)

Invariants take the ``target`` fixture; the marker ``@pytest.mark.providers("native", "manager")``
runs one against manager proxies too, with node IDs such as ``test_x[manager-spawn]``.
"""

import gc

import pytest

from conformance import profiles
from conformance.harness.implementation import (
    PROVIDERS,
    Target,
    UsageError,
    choose_start_methods,
    load_implementation,
)

DEFAULT_DEADLINE = 30.0
targets_key = pytest.StashKey[dict]()


def pytest_addoption(parser):
    group = parser.getgroup("conformance", "multiprocessing conformance kit")
    group.addoption("--mp-impl", dest="mp_impl", default=None, metavar="MODULE",
                    help="multiprocessing implementation to test (default: multiprocessing)")
    group.addoption("--start-method", dest="start_methods", action="append", default=[],
                    metavar="NAME",
                    help="start method to test; repeatable (default: all the platform offers)")
    group.addoption("--mp-deadline", dest="mp_deadline", type=float, default=None,
                    metavar="SECONDS",
                    help=f"bound on every wait and join (default: {DEFAULT_DEADLINE:g})")
    parser.addini("mp_impl", "multiprocessing implementation to test", default="multiprocessing")
    parser.addini("mp_deadline", "bound in seconds on every wait and join",
                  default=str(DEFAULT_DEADLINE))


def pytest_configure(config):
    module_name = config.getoption("mp_impl") or config.getini("mp_impl")
    deadline = config.getoption("mp_deadline") or float(config.getini("mp_deadline"))
    if deadline <= 0:
        raise pytest.UsageError("--mp-deadline must be positive")
    try:
        module = load_implementation(module_name)
        methods = choose_start_methods(module, config.getoption("start_methods"))
    except UsageError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.stash[targets_key] = {"module": module, "methods": methods, "deadline": deadline,
                                 "made": {}}
    profiles.choose(config.getoption("hypothesis_profile", None))
    config.addinivalue_line(
        "markers",
        "providers(*names): run the invariant with primitives from each provider: 'native' "
        "(ctx.Lock() ...) and/or 'manager' (ctx.Manager().Lock() ...); default native only",
    )


def pytest_report_header(config):
    state = config.stash[targets_key]
    module = state["module"]
    version = getattr(module, "__version__", "")
    return (f"conformance: {module.__name__} {version} start methods "
            f"{', '.join(state['methods'])}; deadline {state['deadline']:g} s")


def pytest_generate_tests(metafunc):
    """One test per provider × start method: ``[spawn]`` native, ``[manager-spawn]`` proxied."""
    if "target" not in metafunc.fixturenames:
        return
    methods = metafunc.config.stash[targets_key]["methods"]
    marker = metafunc.definition.get_closest_marker("providers")
    providers = marker.args if marker else ("native",)
    unknown = set(providers) - set(PROVIDERS)
    if unknown:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: unknown providers {unknown}")
    params = [(provider, method) for provider in providers for method in methods]
    ids = [method if provider == "native" else f"{provider}-{method}"
           for provider, method in params]
    metafunc.parametrize("target", params, ids=ids, indirect=True, scope="session")


@pytest.fixture(scope="session")
def target(request):
    """The implementation under test: one start method, primitives from one provider."""
    state = request.config.stash[targets_key]
    made = state["made"]
    if request.param not in made:
        provider, method = request.param
        made[request.param] = Target(state["module"], method, state["deadline"], provider)
    return made[request.param]


def pytest_runtest_teardown(item):
    """Finalize the primitives a test dropped (unlinking their named semaphores) before the next
    test: the test's frames, which held them, are gone now; a scenario's exit is too early."""
    gc.collect()
