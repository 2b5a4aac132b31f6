"""The pytest plugin: options, the ``target`` fixture, profiles.  The machinery lives elsewhere.

Options (each with an ini equivalent):

``--mp-impl MODULE``      implementation under test (ini ``mp_impl``; default ``multiprocessing``)
``--start-method NAME``   repeatable; default every method the implementation offers here
``--mp-deadline SECONDS`` bound on every wait and join (ini ``mp_deadline``; default 30)
"""

import pytest

from conformance import profiles
from conformance.harness import Target, UsageError
from conformance.harness.implementation import choose_start_methods, load_implementation

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
    config.addinivalue_line("markers", "invariant: a conformance invariant of the kit")


def pytest_report_header(config):
    state = config.stash[targets_key]
    module = state["module"]
    version = getattr(module, "__version__", "")
    return (f"conformance: {module.__name__} {version} start methods "
            f"{', '.join(state['methods'])}; deadline {state['deadline']:g} s")


def pytest_generate_tests(metafunc):
    if "target" in metafunc.fixturenames:
        methods = metafunc.config.stash[targets_key]["methods"]
        metafunc.parametrize("target", methods, indirect=True, ids=methods, scope="session")


@pytest.fixture(scope="session")
def target(request):
    """The implementation under test under one start method (from the parametrization)."""
    state = request.config.stash[targets_key]
    made = state["made"]
    if request.param not in made:
        made[request.param] = Target(state["module"], request.param, state["deadline"])
    return made[request.param]


def pytest_runtest_setup(item):
    for made in item.config.stash[targets_key]["made"].values():
        made.forget_stuck()
