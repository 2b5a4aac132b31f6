"""The local matrix: every interpreter on this machine, and the drop-in implementations.

    nox                      # all sessions, then the combined matrix in results/
    nox -s conformance       # the standard library on every interpreter found
    nox -s dropin            # multiprocess and billiard on the default interpreter
    nox -s matrix            # combine results/*.json into results/matrix.{md,html}
    nox -s readme            # regenerate README.md's matrix from results/

Interpreters are found on PATH (python3.9 ... python3.13, pypy3) and in pyenv's versions folder.
"""

import glob
import os
import shutil
import sys

import nox

nox.options.sessions = ["conformance", "dropin", "matrix"]
nox.options.reuse_existing_virtualenvs = True

MINORS = ("3.9", "3.10", "3.11", "3.12", "3.13")
DROP_INS = ("multiprocess", "billiard")
RESULTS = "results"


def found_interpreters():
    """Versions with a ``pythonX.Y`` on PATH, pyenv's versions put on PATH first."""
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    for minor in MINORS:
        for bin_dir in sorted(glob.glob(os.path.join(pyenv, "versions", f"{minor}.*", "bin"))):
            os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    found = [minor for minor in MINORS if shutil.which(f"python{minor}")]
    return found + (["pypy3"] if shutil.which("pypy3") else [])


def run_kit(session, name, *options):
    os.makedirs(RESULTS, exist_ok=True)
    session.run("pytest", "conformance", "-p", "no:cacheprovider",
                f"--conformance-json={RESULTS}/{name}.json", *options, success_codes=[0, 1])


@nox.session(python=found_interpreters())
def conformance(session):
    """The standard library's multiprocessing, on one interpreter."""
    session.install("-e", ".")
    version = session.run("python", "-c", "import platform, sys; "
                          "print(sys.implementation.name + platform.python_version())",
                          silent=True).strip()
    run_kit(session, f"{version}-multiprocessing", *session.posargs)


@nox.session
@nox.parametrize("implementation", DROP_INS)
def dropin(session, implementation):
    """A drop-in replacement, vetted unchanged through --mp-impl."""
    session.install("-e", ".", implementation)
    run_kit(session, f"{implementation}", f"--mp-impl={implementation}", *session.posargs)


@nox.session(python=False)
def matrix(session):
    """Combine every result in results/ into one Markdown and HTML matrix."""
    results = sorted(glob.glob(f"{RESULTS}/*.json"))
    if not results:
        session.error(f"no results in {RESULTS}/: run the conformance sessions first")
    session.run(sys.executable, "-m", "conformance.matrix", *results,
                f"--markdown={RESULTS}/matrix.md", f"--html={RESULTS}/matrix.html")


@nox.session(python=False)
def readme(session):
    """Put the matrix of results/ into README.md between its markers."""
    session.run(sys.executable, "-m", "conformance.matrix", *sorted(glob.glob(f"{RESULTS}/*.json")),
                "--readme=README.md")
