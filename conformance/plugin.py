"""The pytest plugin: options, the ``target`` fixture, profiles.  The machinery lives elsewhere.

Options (each with an ini equivalent):

``--mp-impl MODULE``      implementation under test (ini ``mp_impl``; default ``multiprocessing``)
``--start-method NAME``   repeatable; default every method the implementation offers here
``--mp-deadline SECONDS`` bound on every wait and join (ini ``mp_deadline``; default 30)
``--mp-reruns N``         re-runs of a failing example, to say how reliably it reproduces
                          (ini ``mp_reruns``; default 2)
``--mp-expectations PATH`` known deviations (TOML, see ``conformance.expectations``); repeatable,
                          added to the kit's own (ini ``mp_expectations``)
``--conformance-json PATH`` write every result with the platform's facts
``--conformance-md PATH``   write a Markdown summary (also appended to ``$GITHUB_STEP_SUMMARY``)

Invariants take the ``target`` fixture; the marker ``@pytest.mark.providers("native", "manager")``
runs one against manager proxies too, with node IDs such as ``test_x[manager-spawn]``.
"""

import gc
import json
import os

import pytest

from conformance import expectations, outcomes, profiles
from conformance import report as reporting
from conformance.facts import platform_facts
from conformance.harness.implementation import (
    PROVIDERS,
    Target,
    UsageError,
    choose_start_methods,
    load_implementation,
)
from conformance.harness import scenario
from conformance.harness.scenario import sweep_stale_workdirs

DEFAULT_DEADLINE = 30.0
DEFAULT_RERUNS = 2
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
    group.addoption("--mp-reruns", dest="mp_reruns", type=int, default=None, metavar="N",
                    help=f"re-runs of a failing example (default: {DEFAULT_RERUNS})")
    group.addoption("--mp-expectations", dest="mp_expectations", action="append", default=[],
                    metavar="PATH", help="TOML file of known deviations; repeatable")
    group.addoption("--conformance-json", dest="conformance_json", metavar="PATH",
                    help="write every result, with the platform's facts, as JSON")
    group.addoption("--conformance-md", dest="conformance_md", metavar="PATH",
                    help="write a Markdown summary")
    parser.addini("mp_impl", "multiprocessing implementation to test", default="multiprocessing")
    parser.addini("mp_deadline", "bound in seconds on every wait and join",
                  default=str(DEFAULT_DEADLINE))
    parser.addini("mp_reruns", "re-runs of a failing example", default=str(DEFAULT_RERUNS))
    parser.addini("mp_expectations", "TOML files of known deviations", type="linelist")


def pytest_configure(config):
    sweep_stale_workdirs()
    # The kit forks on purpose, from a process that runs helper threads (and xdist's).
    config.addinivalue_line("filterwarnings",
                            "ignore:This process .* is multi-threaded:DeprecationWarning")
    module_name = config.getoption("mp_impl") or config.getini("mp_impl")
    deadline = config.getoption("mp_deadline") or float(config.getini("mp_deadline"))
    if deadline <= 0:
        raise pytest.UsageError("--mp-deadline must be positive")
    try:
        module = load_implementation(module_name)
        methods = choose_start_methods(module, config.getoption("start_methods"))
    except UsageError as exc:
        raise pytest.UsageError(str(exc)) from exc
    try:
        deviations = expectations.load(expectations.SHIPPED)
        for path in [*config.getini("mp_expectations"), *config.getoption("mp_expectations")]:
            deviations += expectations.load(path)
    except expectations.ExpectationError as exc:
        raise pytest.UsageError(f"--mp-expectations: {exc}") from exc
    reruns = config.getoption("mp_reruns")
    reruns = int(config.getini("mp_reruns")) if reruns is None else reruns
    profile = config.getoption("hypothesis_profile", None)
    config.stash[targets_key] = {
        "module": module, "methods": methods, "deadline": deadline, "made": {},
        "facts": platform_facts(module, methods), "deviations": deviations,
        "run_options": {"implementation": module_name, "deadline": deadline,
                        "start_methods": methods, "profile": profile or profiles.DEFAULT,
                        "seed": config.getoption("hypothesis_seed", None), "reruns": reruns},
    }
    profiles.choose(profile, reruns)
    config.pluginmanager.register(ConformanceReport(config), "conformance-report")
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


def pytest_runtest_setup(item):
    scenario.current_example.clear()  # an example belongs to the test that drew it


def pytest_runtest_teardown(item):
    """Finalize the primitives a test dropped (unlinking their named semaphores) before the next
    test: the test's frames, which held them, are gone now; a scenario's exit is too early."""
    gc.collect()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Name each invariant's outcome, apply known deviations, and attach the result."""
    made = yield
    report = made.get_result()
    if "target" not in getattr(item, "fixturenames", ()) or not hasattr(item, "callspec"):
        return
    if not (report.when == "call" or (report.when == "setup" and not report.passed)):
        return
    state = item.config.stash[targets_key]
    provider, method = item.callspec.params["target"]
    named = outcomes.classify(report, call.excinfo)
    invariant_id = f"{item.path.name}::{item.originalname}"
    facts = {**state["facts"], "start_method": method, "provider": provider}
    deviation = expectations.find(state["deviations"], invariant_id, facts)
    if deviation is not None and named == deviation.outcome:
        named = outcomes.KNOWN_DEVIATION
    elif deviation is not None and named == outcomes.PASSED and not deviation.intermittent:
        named = outcomes.UNEXPECTED_PASS
    reporting.attach(report, reporting.build_result(item, report, named, deviation,
                                                    state["run_options"],
                                                    dict(scenario.current_example)))
    if named == outcomes.KNOWN_DEVIATION:
        report.outcome = "skipped"
        report.wasxfail = f"known deviation: {deviation.reason}"


class ConformanceReport:
    """Gathers the results (on the xdist controller too) and writes the summaries."""

    def __init__(self, config):
        self.config = config
        self.results = []

    def pytest_runtest_logreport(self, report):
        self.results.extend(reporting.detach(report))

    def pytest_terminal_summary(self, terminalreporter):
        if self.results:
            terminalreporter.section("multiprocessing conformance")
            for line in reporting.terminal_lines(self.results, self.facts):
                terminalreporter.write_line(line)

    def pytest_sessionfinish(self):
        if hasattr(self.config, "workerinput") or not self.results:
            return  # an xdist worker: the controller writes the files
        state = self.config.stash[targets_key]
        json_path = self.config.getoption("conformance_json")
        if json_path:
            document = reporting.document(self.results, self.facts, state["run_options"])
            with open(json_path, "w") as f:
                json.dump(document, f, indent=1)
        summary = reporting.markdown(self.results, self.facts)
        markdown_path = self.config.getoption("conformance_md")
        if markdown_path:
            with open(markdown_path, "w") as f:
                f.write(summary)
        if os.environ.get("GITHUB_STEP_SUMMARY"):
            with open(os.environ["GITHUB_STEP_SUMMARY"], "a") as f:
                f.write(summary)

    @property
    def facts(self):
        return self.config.stash[targets_key]["facts"]
