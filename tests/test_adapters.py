"""Adapters: the loader (claims, named sets, not claimed, usage errors naming the file and the
key), runs of the kit against fake libraries (a broken lock is violated, a correct one passes),
and cheap smoke tests of the shipped adapters, skipped where their library is not installed
(``nox -s thirdparty`` runs them in full)."""

import importlib
import importlib.util
import multiprocessing
import os
import subprocess
import sys
import types

import pytest

from conformance import adapters, matrix
from conformance.adapters import PROMISE_SETS, AdapterError, catalogue, primitive
from conformance.report import invariant_metadata
from conformance.harness import bookkeeping
from conformance.harness.implementation import Target
from tests.kit import ONE_METHOD, REPO, outcomes_of, run_kit

FAKE_FACTORY = "tests.fakes.fakelock_adapter:make_lock"


def cited(invariant):
    """The promises ``file.py::name`` cites."""
    file, _, name = invariant.partition("::")
    module = importlib.import_module(f"conformance.{file[:-len('.py')]}")
    return invariant_metadata(getattr(module, name))["promises"]


def judge(adapter, invariant, provider="native"):
    family = invariant.partition("::")[0][len("test_"):-len(".py")]
    return adapter.judge_invariant(family, provider, cited(invariant), invariant)


# --- claims --------------------------------------------------------------------------------


def test_claims_are_promise_ids_and_named_sets():
    adapter = adapters.load(str(REPO / "tests/fakes/fakelock.toml"))
    assert adapter.label == "fakelock-toml"
    assert adapter.primitives["Lock"].claims == ("LOCK-2", "LOCK-6", "LOCK-9", "LOCK-4")
    assert adapter.get_all_start_methods() == [
        method for method in multiprocessing.get_all_start_methods()
        if method in ("spawn", "forkserver")]


def test_an_invariant_runs_where_its_cited_promises_of_the_primitive_are_claimed():
    adapter = adapters.load("tests.fakes.fakelock_adapter")
    assert judge(adapter, "test_lock.py::test_critical_sections_are_serialised") == []
    # "non-blocking acquire refused to other processes" claims LOCK-3 for this invariant only
    assert judge(adapter, "test_lock.py::test_held_lock_refuses_other_processes") == []
    assert judge(adapter, "test_lock.py::test_with_statement_acquires_and_releases") == \
        ["LOCK-3", "LOCK-12"]
    assert judge(adapter, "test_lock.py::test_release_of_unlocked_lock_raises_value_error") == \
        ["LOCK-11"]


def test_invariants_that_construct_no_swapped_primitive_do_not_run():
    adapter = adapters.load("tests.fakes.fakelock_adapter")
    assert judge(adapter, "test_lock.py::test_critical_sections_are_serialised",
                 provider="manager") is None
    assert judge(adapter, "test_semaphore.py::test_at_most_value_holders_and_value_reached") \
        is None
    assert judge(adapter, "test_event.py::test_set_wakes_every_waiter") is None


def test_named_sets_hold_promises_of_their_kind_scoped_to_invariants_citing_them():
    for kind, sets in PROMISE_SETS.items():
        group = adapters.KINDS[kind][0]
        for name, named in sets.items():
            scopes = named.items() if isinstance(named, dict) else [(i, ()) for i in named]
            for ident, invariants in scopes:
                assert ident in catalogue() and ident.startswith(f"{group}-"), (kind, name)
                for invariant in invariants:
                    assert ident in cited(invariant), (kind, name, invariant)


def test_not_claimed_results_say_which_promises(tmp_path):
    results, completed = run_kit(tmp_path, "conformance/test_lock.py", "-k",
                                 "with_statement or held_lock_refuses",
                                 f"--start-method={ONE_METHOD}",
                                 "--mp-impl=tests.fakes.fakelock_adapter")
    assert outcomes_of(results) == {
        f"test_lock.py::test_held_lock_refuses_other_processes[{ONE_METHOD}]": "passed",
        f"test_lock.py::test_with_statement_acquires_and_releases[{ONE_METHOD}]":
            "not claimed"}, completed.stdout[-3000:]
    unclaimed = results[f"test_lock.py::test_with_statement_acquires_and_releases[{ONE_METHOD}]"]
    assert unclaimed["not_claimed"] == ["LOCK-3", "LOCK-12"]
    assert completed.returncode == 0
    section = matrix.thirdparty_markdown(matrix.load([tmp_path / "results.json"]))
    assert "| `test_lock.py::test_with_statement_acquires_and_releases` | LOCK-3, LOCK-12 | ○ | " \
           "not claimed: LOCK-3 (Lock.acquire(False)), LOCK-12 (with Lock) |" in section, section


# --- what the kit finds through an adapter -------------------------------------------------


def test_a_broken_fake_lock_library_is_violated_and_a_correct_one_passes(tmp_path):
    results, completed = run_kit(tmp_path, "conformance/test_lock.py", "-k",
                                 "held_lock_refuses", f"--start-method={ONE_METHOD}",
                                 "--mp-impl=tests.fakes.fakelock_adapter",
                                 "--mp-impl=tests.fakes.fakelock_broken")
    key = f"test_lock.py::test_held_lock_refuses_other_processes[tests.fakes.fakelock_%s-{ONE_METHOD}]"
    correct, broken = results[key % "adapter"], results[key % "broken"]
    assert correct["outcome"] == "passed", completed.stdout[-3000:]
    assert broken["outcome"] == "violated", completed.stdout[-3000:]
    assert set(broken["violation"]["forbidden"]) == {"granted"}
    assert broken["implementation_version"] == "fakelock not installed"
    section = matrix.thirdparty_markdown(matrix.load([tmp_path / "results.json"]))
    assert f"| `test_lock.py::test_held_lock_refuses_other_processes` | LOCK-3, LOCK-4, LOCK-9 | " \
           f"✘ | {ONE_METHOD}: FORBIDDEN granted x" in section, section


def test_a_dict_adapter_is_read_through_its_snapshot_hook(tmp_path):
    # FileDict has no _getvalue(): the invariant can only read it back through the hook
    results, completed = run_kit(tmp_path, "conformance/test_manager_dict.py", "-k",
                                 "every_workers_write", f"--start-method={ONE_METHOD}",
                                 "--mp-impl=tests.fakes.fakedict_adapter")
    assert outcomes_of(results) == {
        f"test_manager_dict.py::test_every_workers_write_is_reflected[{ONE_METHOD}]": "passed"
    }, completed.stdout[-3000:]


def test_a_snapshot_hook_that_fails_makes_the_evidence_unobservable():
    class Broken(dict):
        pass

    def snapshot(shared):
        raise OSError("the file is gone")

    bookkeeping.register_reader(Broken, snapshot)
    with pytest.raises(bookkeeping.Unobservable, match=r"the reader of a Broken \(.*snapshot\) "
                                                       r"raised OSError: the file is gone "
                                                       r"\(needed to read it back\)"):
        bookkeeping.contents(Broken(), "read it back")


def test_an_adapter_claiming_what_needs_a_helper_it_lacks_is_an_error_naming_it(tmp_path):
    path = tmp_path / "adapter.toml"  # MGR-3's invariant also needs a Manager's list() and proxies
    path.write_text('[primitive.dict]\nfactory = "tests.fakes.fakedict_adapter:make_dict"\n'
                    'distribution = "fakedict"\nclaims = ["MGR-3"]\n'
                    'snapshot = "tests.fakes.fakedict_adapter:snapshot"\n')
    results, completed = run_kit(tmp_path, "conformance/test_manager_dict.py",
                                 f"--start-method={ONE_METHOD}", f"--mp-impl={path}")
    result = results[f"test_manager_dict.py::test_dict_and_list_start_as_given[{ONE_METHOD}]"]
    assert result["outcome"] == "error", completed.stdout[-3000:]
    assert "lacks BaseProxy in the modules of DictManager" in result["error"]["message"]
    assert {r["outcome"] for key, r in results.items() if "start_as_given" not in key} == \
        {"not claimed"}


# --- usage errors --------------------------------------------------------------------------

LOCK = '[primitive.Lock]\nfactory = "{factory}"\ndistribution = "fakelock"\n'


@pytest.mark.parametrize("toml, complaint", [
    ('[primitive.Lock]\ndistribution = "fakelock"\nclaims = ["LOCK-2"]\n',
     "primitive.Lock.factory: missing"),
    (LOCK + 'claims = ["LOCK-99"]\n',
     "primitive.Lock.claims: 'LOCK-99' is neither a promise ID nor a named set of Lock"),
    (LOCK + 'claims = ["SEM-1"]\n', "primitive.Lock.claims: 'SEM-1' is not a promise of Lock"),
    (LOCK + 'claims = "LOCK-2"\n', "primitive.Lock.claims: expected a list"),
    (LOCK + 'claims = ["LOCK-2"]\ncapabilities = ["teleport"]\n',
     "primitive.Lock.capabilities: unknown capability 'teleport'"),
    (LOCK + 'claims = ["LOCK-2"]\ncapabilities = ["sem_getvalue"]\n',
     "primitive.Lock.capabilities: 'sem_getvalue' is not a capability a Lock declares"),
    (LOCK + 'claims = ["LOCK-2"]\ncolour = "red"\n', "primitive.Lock.colour: unknown key"),
    ('[adapter]\ncolour = "red"\n' + LOCK + 'claims = []\n', "adapter.colour: unknown key"),
    ('[adapter]\nstart_methods = ["teleport"]\n' + LOCK + 'claims = []\n',
     "adapter.start_methods: expected a list of start methods"),
    ('[adaptor]\n' + LOCK + 'claims = []\n', "adaptor: unknown table"),
    ('[adapter]\nname = "x"\n', "primitive: no [primitive.KIND] table"),
    (LOCK.replace("Lock", "Mutex") + 'claims = []\n', "primitive.Mutex: unknown primitive"),
    (LOCK.format(factory="nowhere:make") + 'claims = []\n',
     "primitive.Lock.factory: cannot load 'nowhere:make'"),
    ('[primitive.dict]\nfactory = "{factory}"\ndistribution = "x"\nclaims = []\n',
     "primitive.dict.snapshot: missing"),
])
def test_a_malformed_toml_adapter_names_its_file_and_key(tmp_path, toml, complaint):
    path = tmp_path / "adapter.toml"
    path.write_text(toml.replace("{factory}", FAKE_FACTORY))
    with pytest.raises(AdapterError) as raised:
        adapters.load(str(path))
    assert str(raised.value).startswith(f"{path}: ")
    assert complaint in str(raised.value)


def test_a_malformed_module_adapter_names_its_file_and_key():
    with pytest.raises(AdapterError) as raised:
        adapters.load("tests.fakes.fakelock_bad_claim")
    message = str(raised.value)
    assert message.startswith(str(REPO / "tests/fakes/fakelock_bad_claim.py")), message
    assert "primitive.Lock.claims: 'LOCK-99'" in message


def test_a_python_primitive_without_a_factory_is_refused():
    with pytest.raises(AdapterError, match=r"^primitive\.Lock\.factory: missing$"):
        primitive("Lock", distribution="fakelock", claims=["LOCK-2"])


def test_a_malformed_adapter_is_a_usage_error_before_any_test_runs(tmp_path):
    path = tmp_path / "adapter.toml"
    path.write_text(LOCK.format(factory=FAKE_FACTORY) + 'claims = ["LOCK-99"]\n')
    completed = subprocess.run([sys.executable, "-m", "pytest", "conformance/test_lock.py",
                                "-p", "no:cacheprovider", f"--mp-impl={path}"], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 4, completed.stdout + completed.stderr  # usage error
    assert f"--mp-impl {path}: {path}: primitive.Lock.claims: 'LOCK-99'" in completed.stderr
    assert "passed" not in completed.stdout and "INTERNALERROR" not in completed.stderr


def test_a_start_method_the_adapter_does_not_support_is_a_usage_error():
    path = REPO / "tests/fakes/fakelock.toml"  # spawn and forkserver only
    completed = subprocess.run([sys.executable, "-m", "pytest", "conformance/test_lock.py",
                                "-p", "no:cacheprovider", f"--mp-impl={path}",
                                "--start-method=fork"], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 4, completed.stdout + completed.stderr
    assert "--start-method fork: not offered by" in completed.stderr


def test_a_capability_of_a_swapped_primitive_is_missing_unless_declared(tmp_path):
    path = tmp_path / "adapter.toml"
    path.write_text('[primitive.Semaphore]\nfactory = "multiprocessing.synchronize:Semaphore"\n'
                    'distribution = "x"\nclaims = ["SEM-7"]\n')
    target = Target(adapters.load(str(path)), ONE_METHOD, deadline=30)
    assert target.missing("sem_getvalue") == "the adapter's Semaphore does not declare sem_getvalue"


def test_what_a_manager_offers_beyond_the_adapted_dict_is_not_adapted():
    manager = adapters.load("tests.fakes.fakedict_adapter").get_context(ONE_METHOD).Manager()
    with pytest.raises(adapters.NotAdapted, match="'fakedict' adapts only a Manager's dict\\(\\); "
                                                  "list is not adapted"):
        manager.list()


# --- the shipped adapters: cheap smoke tests (nox -s thirdparty runs them in full) ---------


def try_acquire(lock, answers):
    answers.put(lock.acquire(False))


@pytest.mark.parametrize("module, library", [
    ("conformance.adapters.fasteners_lock", "fasteners"),
    ("conformance.adapters.filelock_lock", "filelock"),
    ("conformance.adapters.posix_ipc_semaphore", "posix_ipc"),
])
def test_shipped_lock_adapter_locks_across_processes(module, library):
    pytest.importorskip(library)
    adapter = adapters.load(module)
    ctx = adapter.get_context(ONE_METHOD)
    lock = ctx.Lock()
    answers = ctx.SimpleQueue()
    assert lock.acquire(timeout=5) is True
    child = ctx.Process(target=try_acquire, args=(lock, answers))
    child.start()
    child.join(30)
    assert child.exitcode == 0 and answers.get() is False
    lock.release()
    assert lock.acquire(False) is True
    lock.release()


def write_key(shared, key, value):
    shared[key] = value


# In a process of its own: importing UltraDict changes the process (no resource tracking of
# shared memory); shared-memory-dict fixes its lock mode at import.
DICT_SMOKE = """
import os, sys
from conformance import adapters
from conformance.harness import bookkeeping
from tests.test_adapters import write_key
adapter = adapters.load(sys.argv[1])
ctx = adapter.get_context(adapter.get_all_start_methods()[-1])
manager = ctx.Manager()
shared = manager.dict({"a": 1})
child = ctx.Process(target=write_key, args=(shared, "b", 2))
child.start()
child.join(60)
print(child.exitcode, sorted(bookkeeping.contents(shared, "read it back").items()))
manager.shutdown()
print(sorted(entry for entry in os.listdir("/dev/shm") if f"mpc-{os.getpid()}-" in entry))
"""


@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="lists what is left in /dev/shm")
@pytest.mark.parametrize("module, library", [
    ("conformance.adapters.ultradict", "UltraDict"),
    ("conformance.adapters.ultradict_shared_lock", "UltraDict"),
    ("conformance.adapters.shared_memory_dict", "shared_memory_dict"),
    ("conformance.adapters.shared_memory_dict_locked", "shared_memory_dict"),
])
def test_shipped_dict_adapter_shares_a_dict_and_leaves_nothing(module, library):
    if importlib.util.find_spec(library) is None:
        pytest.skip(f"{library} is not installed")
    completed = subprocess.run([sys.executable, "-c", DICT_SMOKE, module], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    assert completed.stdout.splitlines() == ["0 [('a', 1), ('b', 2)]", "[]"], \
        completed.stdout + completed.stderr[-3000:]


def test_the_readme_adapter_example_loads_and_locks(monkeypatch):
    from tests.fakes import fakelock

    class FileLock:  # the API the README's "mylocks" has
        def __init__(self, path):
            self.lock_file = fakelock.FileLock(path)

        def try_lock(self):
            return self.lock_file.acquire(blocking=False)

        def lock(self, wait=None):
            return self.lock_file.acquire(timeout=wait)

        def unlock(self):
            self.lock_file.release()

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Vetting your own primitive", 1)[1].split("```python\n", 1)[1]
    module = types.ModuleType("mylocks_adapter")
    monkeypatch.setitem(sys.modules, "mylocks", types.SimpleNamespace(FileLock=FileLock))
    monkeypatch.setitem(sys.modules, "mylocks_adapter", module)
    exec(example.split("```", 1)[0], module.__dict__)
    adapter = adapters.load("mylocks_adapter")
    assert adapter.primitives["Lock"].claims == ("LOCK-2", "LOCK-6", "LOCK-9", "LOCK-4",
                                                 "LOCK-10")
    lock, other = adapter.get_context(ONE_METHOD).Lock(), adapter.get_context(ONE_METHOD).Lock()
    assert lock.acquire() and not lock.acquire(timeout=0.01) and other.acquire(False)
    lock.release()
    assert lock.acquire(False)
    lock.release()
    other.release()
