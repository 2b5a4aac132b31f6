"""Settings: each option described once (flag and ini share the text), documented, validated in
one place and frozen."""

import dataclasses
import subprocess
import sys

import pytest

from conformance import settings
from tests.kit import REPO


def test_the_readme_documents_every_option():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for option in settings.OPTIONS:
        assert f"`{option.flag}" in readme, option.flag
        if option.ini:
            assert f"`{option.ini}`" in readme, option.ini


def test_flag_and_ini_share_one_description():
    completed = subprocess.run([sys.executable, "-m", "pytest", "--help"], cwd=REPO,
                               capture_output=True, text=True, timeout=120)
    text = " ".join(completed.stdout.split())
    for option in settings.OPTIONS:
        first_words = " ".join(option.help.split()[:6])
        assert text.count(first_words) == (2 if option.ini else 1), option.flag


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.Settings().deadline = 1


@pytest.mark.parametrize("value, parsed", [
    ("90s", (None, 90.0)), ("10m", (None, 600.0)), ("1h", (None, 3600.0)), ("45", (None, 45.0)),
    ("queue=2m", ("queue", 120.0)),
])
def test_soak_budgets(value, parsed):
    assert settings.soak_budget(value, "--mp-soak") == parsed


def test_a_soak_budget_is_shared_by_the_soaking_invariants():
    run = settings.Settings(soak=((None, 60.0), ("queue", 30.0)))
    assert run.soak_budget("queue", {"queue": 3, "lock": 2}) == 10.0
    assert run.soak_budget("lock", {"queue": 3, "lock": 2}) == 12.0
