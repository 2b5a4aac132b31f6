"""The kit's compiled copy for the processes it starts where Python may not write bytecode
(``conformance.harness.bytecode``, ``scenario.light_children``)."""

import multiprocessing
import os
import py_compile
import shutil
import subprocess
import sys

import pytest

from conformance.harness import bytecode, scenario
from conformance.harness.implementation import Target
from conformance.judge import ChildFailed
from tests import probes

SPAWN = "spawn" in multiprocessing.get_all_start_methods()


@pytest.fixture
def package(tmp_path):
    """A small package: a module that raises, a subpackage, a data file."""
    top = tmp_path / "src" / "pkg"
    (top / "sub").mkdir(parents=True)
    (top / "__init__.py").write_text("")
    (top / "sub" / "__init__.py").write_text("")
    (top / "sub" / "mod.py").write_text("def fail():\n    raise ValueError('from mod')\n")
    (top / "data.toml").write_text("answer = 42\n")
    return top


def test_bytecode_is_needed_only_where_it_is_missing_and_may_not_be_written(package):
    assert bytecode.needed(True, str(package))
    assert not bytecode.needed(False, str(package))
    for folder, name in bytecode.sources(str(package)):
        if name.endswith(".py"):
            py_compile.compile(str(package / folder / name), doraise=True)
    assert not bytecode.needed(True, str(package))
    (package / "sub" / "mod.py").write_text("def fail():\n    raise KeyError('edited')\n")
    assert bytecode.needed(True, str(package))  # its bytecode is stale now


def test_the_compiled_copy_is_imported_sourceless_and_names_the_sources(package, tmp_path):
    into = tmp_path / "compiled"
    into.mkdir()
    assert bytecode.compiled_copy(str(into), str(package)) == str(into)
    script = ("import sys, traceback; sys.path.insert(0, sys.argv[1]); import pkg.sub.mod\n"
              "print(pkg.sub.mod.__file__)\n"
              "try:\n    pkg.sub.mod.fail()\n"
              "except ValueError:\n    traceback.print_exc(file=sys.stdout)\n")
    shown = subprocess.run([sys.executable, "-B", "-c", script, str(into)], check=True,
                           capture_output=True, text=True).stdout
    assert shown.splitlines()[0] == str(into / "pkg" / "sub" / "mod.pyc")
    assert f'File "{package / "sub" / "mod.py"}", line 2' in shown
    assert "raise ValueError('from mod')" in shown  # the source line, read from the source
    assert (into / "pkg" / "data.toml").read_text() == "answer = 42\n"
    assert not list(package.rglob("__pycache__"))  # nothing beside the sources


@pytest.mark.skipif(not SPAWN, reason="no spawn start method")
def test_spawn_children_import_the_compiled_kit_where_bytecode_is_not_written(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(bytecode, "current", lambda source: False)  # none beside the kit
    monkeypatch.setattr(scenario, "_compiled_kit", [])
    path_before = list(sys.path)
    target = Target(multiprocessing, "spawn", deadline=60)
    try:
        with target.scenario() as s:
            (files,) = s.run(probes.kit_files, [None], role="probe", stuck_in="start-up")
            with pytest.raises(ChildFailed) as failed:
                s.run(probes.raises, [None], role="raiser", stuck_in="start-up")
        compiled = scenario.compiled_kit()
        assert sys.path == path_before
        assert files and all(f.startswith(compiled + os.sep) and f.endswith(".pyc")
                             for f in files), files
        child_source = os.path.join(bytecode.PACKAGE, "harness", "child.py")
        assert f'File "{child_source}"' in failed.value.details
        assert 'report = {"returned": actor(*args)}' in failed.value.details
    finally:
        if scenario.compiled_kit() is not None:
            shutil.rmtree(scenario.compiled_kit(), ignore_errors=True)


def test_no_copy_where_children_write_or_find_the_bytecode(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(scenario, "_compiled_kit", [])
    path_before = list(sys.path)
    with scenario.light_children():
        assert sys.path == path_before
    assert scenario.compiled_kit() is None


def test_without_room_for_the_copy_children_compile_the_kit_themselves(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(bytecode, "current", lambda source: False)
    monkeypatch.setattr(scenario, "_compiled_kit", [])
    made = []

    def no_room(into):
        made.append(into)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bytecode, "compiled_copy", no_room)
    path_before = list(sys.path)
    with scenario.light_children():
        assert sys.path == path_before
    assert scenario.compiled_kit() is None
    assert made and not os.path.exists(made[0])
