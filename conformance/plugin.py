"""The pytest plugin: options, the ``target`` fixture, capabilities, verdicts and the report.

It is inert for every other test: beyond registering its options and markers and validating their
values, it acts only once one of the kit's own invariants (a test that takes the ``target``
fixture) has been collected — then it loads the implementations and the known deviations, and
registers the hooks that run around each invariant.  A project whose tests are not the kit's pays
for no per-test hook, warning filter, ``gc.collect()``, Hypothesis setting or report section.

Invariants take the ``target`` fixture; ``@pytest.mark.providers("native", "manager")`` runs one
against manager proxies too (node IDs such as ``test_x[manager-spawn]``), and
``@pytest.mark.requires("capability", ...)`` declares what it needs beyond the context's API
(see ``conformance.capabilities``).  The options are described in ``conformance.settings``.
"""

import gc
import json
import os
import random
from pathlib import Path

import pytest

from conformance import outcomes
from conformance import report as reporting
from conformance import settings as run_settings

FORK_WARNING = "ignore:This process .* is multi-threaded:DeprecationWarning"
DEFAULT_METHOD_ORDER = ("fork", "spawn", "forkserver")
RUN = pytest.StashKey["Run"]()
KIT_ITEM = pytest.StashKey[bool]()
UNSUPPORTED = pytest.StashKey[tuple]()
NOT_CLAIMED = pytest.StashKey[list]()


def pytest_addoption(parser):
    run_settings.register(parser)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "providers(*names): run the invariant with primitives from each provider: 'native' "
        "(ctx.Lock() ...) and/or 'manager' (ctx.Manager().Lock() ...); default native only",
    )
    config.addinivalue_line(
        "markers", "not_claimed(*promises): set by the kit on an adapter's invariant whose "
                   "promises the adapter does not claim")
    config.addinivalue_line(
        "markers", "requires(*capabilities): the invariant needs these capabilities "
                   "(conformance.capabilities); where a probe finds one missing it is unsupported")
    try:
        chosen = run_settings.from_config(config, seed=run_seed(config))
    except run_settings.SettingError as exc:
        raise pytest.UsageError(str(exc)) from None
    run_settings.install(chosen)
    run = Run(config, chosen)
    config.stash[RUN] = run
    config.pluginmanager.register(run, "conformance-run")
    if config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None) \
            and not hasattr(config, "workerinput"):
        run.gather()  # the xdist controller collects nothing, but receives every result


def run_seed(config):
    """The seed of every invariant's examples: --hypothesis-seed, else the controller's choice
    (handed to xdist workers), else a fresh one — so that a reproduce command can name it."""
    worker = getattr(config, "workerinput", None)
    if worker and "mp_seed" in worker:
        return worker["mp_seed"]
    given = config.getoption("hypothesis_seed", None)
    if given is not None:
        try:
            return int(given)
        except ValueError:
            return given
    return random.randrange(2 ** 32)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist: every worker draws with the controller's seed."""
    node.workerinput["mp_seed"] = node.config.stash[RUN].settings.seed


def pytest_generate_tests(metafunc):
    """One test per implementation × provider × start method: ``[spawn]`` native,
    ``[manager-spawn]`` proxied; with several ``--mp-impl``, ``[IMPL-spawn]``..."""
    if "target" not in metafunc.fixturenames or not is_kit_module(metafunc.module):
        return
    run = metafunc.config.stash[RUN]
    if not run.load():
        return  # the load error is reported as a usage error once collection ends
    from conformance.harness.implementation import PROVIDERS

    marker = metafunc.definition.get_closest_marker("providers")
    providers = marker.args if marker else ("native",)
    unknown = set(providers) - set(PROVIDERS)
    if unknown:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: unknown providers {unknown}")
    required = required_capabilities(metafunc.definition)
    if required:
        from conformance import capabilities

        unknown = capabilities.unknown(required)
        if unknown:
            raise pytest.UsageError(f"{metafunc.definition.nodeid}: unknown capabilities "
                                    f"{unknown}")
    several = len(run.modules) > 1
    family = metafunc.module.__name__.rpartition(".test_")[2]
    cited = reporting.invariant_metadata(metafunc.function)["promises"]
    invariant = f"{metafunc.definition.path.name}::{metafunc.function.__name__}"
    params = []
    for implementation, methods in run.methods.items():
        module = run.modules[implementation]
        for provider in providers:
            unclaimed = (module.judge_invariant(family, provider, cited, invariant)
                         if hasattr(module, "judge_invariant") else [])
            if unclaimed is None:
                continue  # an adapter's invariant that constructs none of its primitives
            marks = [pytest.mark.not_claimed(*unclaimed)] if unclaimed else []
            for method in methods:
                label = method if provider == "native" else f"{provider}-{method}"
                params.append(pytest.param((implementation, provider, method), marks=marks,
                                           id=f"{implementation}-{label}" if several
                                           else label))
    metafunc.parametrize("target", params, indirect=True, scope="session")


@pytest.fixture(scope="session")
def target(request):
    """The implementation under test: one start method, primitives from one provider."""
    return request.config.stash[RUN].target(*request.param)


class Run:
    """One run of the kit: its settings, and what it loads once an invariant is collected."""

    def __init__(self, config, chosen):
        self.config = config
        self.settings = chosen
        self.load_error = None
        self.gathering = False
        self.modules = {}
        self.methods = {}
        self.deviations = []
        self.targets = {}
        self.facts_by_implementation = {}
        self.results = []
        self.soaking = {}

    # --- loading, once the first invariant is collected --------------------------------------

    def load(self):
        """Load the implementations and known deviations (once); False if that failed — the
        error is raised as a usage error when collection ends (collectors would report it as
        a collection error instead)."""
        if not self.modules and self.load_error is None:
            try:
                self._load()
            except pytest.UsageError as exc:
                self.load_error = exc
                self.modules.clear()
        return self.load_error is None

    def _load(self):
        from conformance import expectations
        from conformance.facts import implementation_version
        from conformance.harness.implementation import (
            UsageError,
            choose_start_methods,
            load_implementation,
        )
        try:
            for name in self.settings.implementations:
                module = load_implementation(name)
                self.modules[name] = module
                self.methods[name] = choose_start_methods(module, self.settings.start_methods)
                self.facts_by_implementation[name] = implementation_version(module)
        except UsageError as exc:
            raise pytest.UsageError(str(exc)) from exc
        try:
            deviations = expectations.load(expectations.SHIPPED)
            for path in self.settings.expectations:
                deviations += expectations.load(path)
        except expectations.ExpectationError as exc:
            raise pytest.UsageError(f"--mp-expectations: {exc}") from exc
        self.deviations = deviations

    def pytest_sessionstart(self):
        """Collecting another copy of the kit than the one installed (a clone next to a
        non-editable install) fails on every module: say what to do instead, once."""
        if self.config.getoption("pyargs"):
            return
        installed = Path(__file__).resolve().parent
        for argument in self.config.args:
            path = Path(argument.split("::")[0]).resolve()
            kit = next((folder for folder in (path, *path.parents)
                        if (folder / "plugin.py").is_file() and folder.name == "conformance"),
                       None)
            if kit is not None and kit != installed:
                raise pytest.UsageError(
                    f"{argument}: this copy of the kit ({kit}) is not the installed one "
                    f"({installed}); run the installed kit with `pytest --pyargs conformance`, "
                    f"or install this copy with `python -m pip install -e .`")

    def gather(self):
        """Register the hooks that gather results and write the report."""
        if not self.gathering:
            self.gathering = True
            self.config.pluginmanager.register(Gatherer(self), "conformance-gatherer")

    def target(self, implementation, provider, method):
        key = (implementation, provider, method)
        if key not in self.targets:
            from conformance.harness.implementation import Target

            self.targets[key] = Target(self.modules[implementation], method,
                                       self.settings.deadline, provider, self.settings.without)
        return self.targets[key]

    def facts(self, implementation=None):
        from conformance.facts import platform_facts

        versions = self.implementation_versions()
        if implementation is not None:
            versions = {implementation: versions.get(implementation, "unknown")}
        methods = sorted({r["start_method"] for r in self.results} or
                         set(self.settings.start_methods),
                         key=lambda m: (DEFAULT_METHOD_ORDER.index(m)
                                        if m in DEFAULT_METHOD_ORDER else 99, m))
        if self.settings.start_methods:
            methods = [m for m in self.settings.start_methods if m in methods]
        return platform_facts(versions, methods)

    def implementation_versions(self):
        versions = dict(self.facts_by_implementation)
        for result in self.results:
            versions.setdefault(result["implementation"], result["implementation_version"])
        return versions

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        if self.load_error is not None:
            raise self.load_error
        idle = [item for item in items if is_invariant(item)
                and not isinstance(item.callspec.params["target"], tuple)]
        if idle:  # invariants no implementation of this run concerns (an adapter's others)
            self.config.hook.pytest_deselected(items=idle)
            dropped = set(idle)
            items[:] = [item for item in items if item not in dropped]
        kit = [item for item in items if is_invariant(item)]
        if not kit:
            return
        has_timeout = self.config.pluginmanager.hasplugin("timeout")
        families = {}
        for item in kit:
            item.stash[KIT_ITEM] = True
            item.add_marker(pytest.mark.filterwarnings(FORK_WARNING))
            if has_timeout and item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(self.settings.backstop))
            family = family_of(item)
            # Only Hypothesis invariants soak: a plain test's share of the budget would be lost.
            if self.settings.soaking_family(family) and soaks(item):
                families[family] = families.get(family, 0) + 1
        self.soaking = families
        from conformance.harness.scenario import (forked_children_use_the_default_thread_hook,
                                                  sweep_stale_workdirs)

        sweep_stale_workdirs()
        forked_children_use_the_default_thread_hook()
        # What exists now (modules, the collected items) lives for the whole run: keep it out of
        # the collections that finalize each invariant's dropped primitives.
        gc.collect()
        if hasattr(gc, "freeze"):  # CPython only; PyPy's collector has no permanent generation
            gc.freeze()
        self.config.pluginmanager.register(Invariants(self), "conformance-invariants")
        self.gather()


class Invariants:
    """The hooks around each of the kit's invariants (registered only when some are collected):
    capability probes, the example tally, verdicts, known deviations, the result."""

    def __init__(self, run):
        self.run = run
        self.settings = run.settings

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        if not item.stash.get(KIT_ITEM, False):
            return
        if hasattr(gc, "freeze"):  # not on PyPy
            gc.freeze()  # see pytest_runtest_teardown
        from conformance.harness import scenario
        from conformance.invariants import tally

        not_claimed = item.get_closest_marker("not_claimed")
        if not_claimed is not None:
            item.stash[NOT_CLAIMED] = list(not_claimed.args)
            from conformance.adapters import describe

            pytest.skip(f"not claimed by the adapter: {describe(not_claimed.args)}")
        scenario.current_example.clear()  # an example belongs to the test that drew it
        soaking = self.run.soaking
        tally.reset(self.settings.soak_budget(family_of(item), soaking)
                    if family_of(item) in soaking and soaks(item) else None)
        required = required_capabilities(item)
        if required:
            target = self.run.target(*item.callspec.params["target"])
            for capability in required:
                reason = target.missing(capability)
                if reason is not None:
                    item.stash[UNSUPPORTED] = (capability, reason)
                    pytest.skip(f"unsupported: needs {capability}: {reason}")

    def pytest_sessionfinish(self):
        """Shut down what targets kept between scenarios (their manager servers)."""
        for target in self.run.targets.values():
            target.close()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        """Run an invariant with what spawn and forkserver children import kept light
        (``light_children``), so that every process it starts (a manager's server, a pool's
        workers) is as light as a scenario's children: re-running the ``pytest`` script
        imports pytest into each."""
        if not item.stash.get(KIT_ITEM, False):
            yield
            return
        from conformance.harness.scenario import light_children

        with light_children():
            yield

    def pytest_runtest_teardown(self, item):
        """Finalize the primitives a test dropped (unlinking their named semaphores) before the
        next test: the test's frames, which held them, are gone now.  What existed before the
        test was frozen at its set-up, so this collection looks only at what the test made (a
        full one costs 5-15 ms a test); then everything is as collectable as before."""
        if item.stash.get(KIT_ITEM, False):
            gc.collect()
            if hasattr(gc, "unfreeze"):
                gc.unfreeze()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        """Name each invariant's outcome from what it raised, apply known deviations, and
        attach the result (JSON for the report, properties for JUnit)."""
        made = yield
        report = made.get_result()
        if not item.stash.get(KIT_ITEM, False):
            return
        if not (report.when == "call" or (report.when == "setup" and not report.passed)):
            return
        target = self.run.targets.get(tuple(item.callspec.params["target"]))
        if report.failed and target is not None:  # a failure seen after its scenario ended
            target.kept_server.discard()  # may have left the server wedged or its state wrong
        result, deviation = self.result_of(item, report, call)
        reporting.attach(report, result)
        item.user_properties.extend(reporting.junit_properties(result))
        if result["outcome"] == outcomes.KNOWN_DEVIATION:
            report.outcome = "skipped"
            report.wasxfail = f"known deviation: {deviation.reason}"
        elif result["outcome"] == outcomes.UNEXPECTED_PASS and \
                not self.settings.allow_unexpected_pass:
            report.outcome = "failed"
            report.longrepr = (f"unexpected pass: {reporting.headline(result)} "
                               f"({deviation.source}); the expectation is out of date")

    def result_of(self, item, report, call):
        from conformance import expectations
        from conformance.invariants import tally

        implementation, provider, method = item.callspec.params["target"]
        result = {
            "id": item.nodeid,
            "invariant": f"{item.path.name}::{item.originalname}",
            "family": family_of(item),
            "implementation": implementation,
            "implementation_version": self.run.facts_by_implementation.get(implementation, ""),
            "provider": provider,
            "start_method": method,
            "duration": round(report.duration, 3),
            "examples": tally.examples,
            "size": tally.size,
            **reporting.invariant_metadata(item.function),
        }
        if tally.soak_budget is not None:
            result["soak"] = {"seconds": report.duration, "rounds": tally.rounds,
                              "examples_per_second": tally.examples / max(report.duration,
                                                                          1e-9)}
        exception = call.excinfo.value if call.excinfo is not None else None
        if report.passed:
            result["outcome"] = outcomes.PASSED
        elif report.skipped and NOT_CLAIMED in item.stash:
            result["outcome"] = outcomes.NOT_CLAIMED
            result["not_claimed"] = item.stash[NOT_CLAIMED]
        elif report.skipped and UNSUPPORTED in item.stash:
            capability, reason = item.stash[UNSUPPORTED]
            result["outcome"] = outcomes.UNSUPPORTED
            result["unsupported"] = {"capability": capability, "reason": reason}
        elif report.skipped:
            result["outcome"] = outcomes.SKIPPED
            result["details"] = str(report.longrepr)[-reporting.DETAIL_CHARS:]
        else:
            named, deciding = outcomes.verdict_of(exception)
            result["outcome"] = named
            result.update(reporting.verdict_fields(named, deciding))
            result["flaky"] = outcomes.flaky(exception)
            result["details"] = report.longreprtext[-reporting.DETAIL_CHARS:]
            blob = reporting.reproduce_blob(exception)
            if blob:
                result["reproduce_blob"] = blob
        facts = {**self.run.facts(implementation), "implementation": implementation,
                 "start_method": method, "provider": provider}
        named, deviation = expectations.judge(self.run.deviations, result["invariant"], facts,
                                              result)
        if deviation is not None:
            result["seen"] = result["outcome"]
            result["expectation"] = {"outcome": deviation.outcome, "shows": deviation.describe(),
                                     "reason": deviation.reason, "link": deviation.link,
                                     "source": deviation.source,
                                     "intermittent": deviation.intermittent}
        result["outcome"] = named
        if named not in (outcomes.PASSED, outcomes.UNSUPPORTED, outcomes.NOT_CLAIMED):
            from conformance.harness import scenario

            if scenario.current_example:
                result["example"] = ", ".join(f"{name}={value!r}" for name, value
                                              in scenario.current_example.items())
            result["reproduce"] = reporting.reproduce_command(
                item.module.__name__, item.name, self.settings, implementation, method)
        return result, deviation

class Gatherer:
    """Gathers every result (on the xdist controller too) and writes the report."""

    def __init__(self, run):
        self.run = run
        self.config = run.config
        self.settings = run.settings
        self.results = run.results
        self.partial = None

    def facts(self):
        return self.run.facts()

    def pytest_runtest_logreport(self, report):
        found = reporting.detach(report)
        if not found:
            return
        self.results.extend(found)
        if self.settings.json_path and not hasattr(self.config, "workerinput"):
            if self.partial is None:
                self.partial = open_for_writing(f"{self.settings.json_path}.partial")
            for result in found:
                self.partial.write(json.dumps(result) + "\n")
            self.partial.flush()

    def pytest_terminal_summary(self, terminalreporter):
        if self.results:
            terminalreporter.section("multiprocessing conformance")
            for line in reporting.terminal_lines(self.results, self.facts()):
                terminalreporter.write_line(line)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        if hasattr(self.config, "workerinput") or not self.results:
            return  # an xdist worker: the controller writes the files
        facts = self.facts()
        if self.settings.json_path:
            document = reporting.document(self.results, facts, self.run_options())
            with open_for_writing(self.settings.json_path) as f:
                json.dump(document, f, indent=1)
            if self.partial is not None:
                self.partial.close()
                os.remove(self.partial.name)
        if self.settings.markdown_path:
            with open_for_writing(self.settings.markdown_path) as f:
                f.write(reporting.markdown(self.results, facts))
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            used = os.path.getsize(step_summary) if os.path.exists(step_summary) else 0
            with open(step_summary, "a", encoding="utf-8") as f:
                f.write(reporting.markdown(self.results, facts,
                                           limit=reporting.STEP_SUMMARY_LIMIT - used))
        if session.exitstatus == 0 and any(
                r["outcome"] in outcomes.FAILING for r in self.results
                if not (r["outcome"] == outcomes.UNEXPECTED_PASS
                        and self.settings.allow_unexpected_pass)):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def run_options(self):
        chosen = self.settings
        return {"implementations": list(chosen.implementations),
                "start_methods": list(chosen.start_methods), "deadline": chosen.deadline,
                "reruns": chosen.reruns, "profile": chosen.profile, "seed": chosen.seed,
                "scale": chosen.scale, "soak": [list(s) for s in chosen.soak],
                "without": list(chosen.without),
                "expectations": [str(p) for p in chosen.expectations]}




def is_kit_module(module):
    return module is not None and module.__name__.startswith("conformance.test_")


def is_invariant(item):
    return hasattr(item, "callspec") and "target" in item.callspec.params and \
        is_kit_module(getattr(item, "module", None))


def required_capabilities(node):
    """Every capability the ``requires`` markers of a test, its class and module name."""
    return list(dict.fromkeys(name for marker in node.iter_markers("requires")
                              for name in marker.args))


def soaks(item):
    return getattr(item.obj, "is_hypothesis_test", False)


def family_of(item):
    return item.path.name[len("test_"):-len(".py")]


def open_for_writing(path):
    """A text file for a result, its folder created if missing; UTF-8 on every OS."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "w", encoding="utf-8")
