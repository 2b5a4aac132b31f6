"""The kit's settings: every option described once (flag and ini share it), validated in one
place, and frozen into one ``Settings`` object per run.

A bad value is a usage error naming the option, before any test runs.
"""

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from conformance import capabilities, profiles


class SettingError(ValueError):
    """A value the kit cannot use; the message names the option."""


@dataclass(frozen=True)
class Option:
    flag: str
    ini: str  # "" when the option has no ini equivalent
    metavar: str
    help: str
    default: object = None
    repeatable: bool = False
    is_flag: bool = False
    ini_type: str = "string"

    @property
    def dest(self):
        return self.flag.lstrip("-").replace("-", "_")


OPTIONS = (
    Option("--mp-impl", "mp_impl", "MODULE", "implementation under test: a module with "
           "get_context() and get_all_start_methods(); repeatable (default: multiprocessing)",
           repeatable=True, ini_type="args"),
    Option("--start-method", "mp_start_methods", "NAME", "start method to test; repeatable "
           "(default: every method the implementation offers here)", repeatable=True,
           ini_type="args"),
    Option("--mp-deadline", "mp_deadline", "SECONDS", "bound on every wait and join; raise it "
           "on slow machines (default: 30)", default="30"),
    Option("--mp-reruns", "mp_reruns", "N", "re-runs of a failing example, to say how "
           "reliably it reproduces (default: 2)", default="2"),
    Option("--mp-expectations", "mp_expectations", "PATH", "TOML file of known deviations, "
           "added to the kit's own; repeatable (ini paths are relative to the ini file)",
           repeatable=True, ini_type="paths"),
    Option("--mp-profile", "mp_profile", "NAME", "examples per invariant: quick (default), "
           "ci (derandomized), thorough (many, shrinking), or any registered Hypothesis "
           "profile", default=profiles.DEFAULT),
    Option("--mp-scale", "mp_scale", "N", "multiply operations per process, items, payload "
           "sizes and process counts by N (default: the profile's: quick and ci 1, "
           "thorough 4)"),
    Option("--mp-soak", "mp_soak", "[FAMILY=]DURATION", "keep drawing examples until the "
           "budget (e.g. 90s, 10m, 1h) is spent, shared by the selected invariants or given "
           "to one family; repeatable", repeatable=True, ini_type="args"),
    Option("--mp-check-states", "mp_check_states", "N", "bound on the configurations the "
           "linearizability checker explores per history; a search that exhausts it (or the "
           "deadline) is inconclusive (default: 1000000)", default="1000000"),
    Option("--mp-without", "mp_without", "CAPABILITY", "treat a capability as absent (e.g. "
           "sem_getvalue), to stand in for a platform that lacks it; repeatable",
           repeatable=True, ini_type="args"),
    Option("--mp-allow-unexpected-pass", "mp_allow_unexpected_pass", "", "an expectation "
           "that no longer holds does not fail the run", is_flag=True, ini_type="bool"),
    Option("--mp-backstop", "mp_backstop", "SECONDS", "per-test backstop timeout of the "
           "kit's invariants (pytest-timeout), far beyond every deadline (default: 900)",
           default="900"),
    Option("--conformance-json", "", "PATH", "write every result, with the platform's facts, "
           "as JSON (results are appended to PATH.partial as they finish)"),
    Option("--conformance-md", "", "PATH", "write a Markdown summary"),
)


@dataclass(frozen=True)
class Settings:
    implementations: tuple = ("multiprocessing",)
    start_methods: tuple = ()  # empty: every method each implementation offers
    deadline: float = 30.0
    reruns: int = 2
    expectations: tuple = ()
    profile: str = profiles.DEFAULT
    scale: int = 1
    soak: tuple = ()  # ((family or None, seconds), ...)
    check_states: int = 1_000_000
    without: tuple = ()
    allow_unexpected_pass: bool = False
    backstop: float = 900.0
    json_path: object = None
    markdown_path: object = None
    seed: object = None

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    def soak_budget(self, family, invariants_soaking):
        """Seconds of soaking one invariant of ``family`` gets, or None if it does not soak."""
        for named, seconds in self.soak:
            if named == family:
                return seconds / max(1, invariants_soaking.get(family, 1))
        for named, seconds in self.soak:
            if named is None:
                return seconds / max(1, sum(invariants_soaking.values()))
        return None

    def soaking_family(self, family):
        named = {name for name, _ in self.soak}
        return family in named or (None in named and bool(named))


def register(parser):
    group = parser.getgroup("conformance", "multiprocessing conformance kit")
    for option in OPTIONS:
        if option.is_flag:
            group.addoption(option.flag, dest=option.dest, action="store_true", default=None,
                            help=option.help)
        elif option.repeatable:
            group.addoption(option.flag, dest=option.dest, action="append", default=[],
                            metavar=option.metavar, help=option.help)
        else:
            group.addoption(option.flag, dest=option.dest, default=None,
                            metavar=option.metavar, help=option.help)
        if option.ini:
            parser.addini(option.ini, option.help, type=option.ini_type,
                          default=option.default if option.ini_type == "string" else None)


def raw_values(config):
    """{dest: (value, where)}: the flag's value if given, else the ini's, else the default."""
    values = {}
    for option in OPTIONS:
        given = config.getoption(option.dest)
        if given not in (None, []):
            values[option.dest] = (given, option.flag)
        elif option.ini and config.getini(option.ini) not in (None, [], ""):
            values[option.dest] = (config.getini(option.ini), f"{option.ini} (ini)")
        else:
            values[option.dest] = (option.default, option.flag)
    return values


def from_config(config, seed):
    """Build and validate the run's Settings; SettingError names the offending option."""
    values = raw_values(config)
    profile = text(values["mp_profile"])
    if not profiles.known(profile):
        raise SettingError(f"{values['mp_profile'][1]}: unknown profile {profile!r} (the kit's: "
                           f"{', '.join(profiles.KIT)}; or a registered Hypothesis profile)")
    scale = values["mp_scale"]
    return Settings(
        implementations=tuple(dict.fromkeys(listed(values["mp_impl"]) or ["multiprocessing"])),
        start_methods=tuple(dict.fromkeys(listed(values["start_method"]))),
        deadline=positive(values["mp_deadline"], "a positive number of seconds"),
        reruns=natural(values["mp_reruns"]),
        expectations=tuple(Path(path) for path in listed(values["mp_expectations"])),
        profile=profile,
        scale=(profiles.default_scale(profile) if scale[0] is None
               else natural(scale, minimum=1)),
        soak=tuple(soak_budget(value, values["mp_soak"][1])
                   for value in listed(values["mp_soak"])),
        check_states=natural(values["mp_check_states"], minimum=1),
        without=known_capabilities(values["mp_without"]),
        allow_unexpected_pass=bool(values["mp_allow_unexpected_pass"][0]),
        backstop=positive(values["mp_backstop"], "a positive number of seconds"),
        json_path=values["conformance_json"][0],
        markdown_path=values["conformance_md"][0],
        seed=seed,
    )


def text(value_where):
    return str(value_where[0]).strip()


def listed(value_where):
    value = value_where[0]
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def positive(value_where, what):
    value, where = value_where
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SettingError(f"{where}: expected {what}, got {value!r}") from None
    if not number > 0 or number == float("inf"):
        raise SettingError(f"{where}: expected {what}, got {value!r}")
    return number


def natural(value_where, minimum=0):
    value, where = value_where
    try:
        number = int(str(value).strip())
    except ValueError:
        raise SettingError(f"{where}: expected a whole number, got {value!r}") from None
    if number < minimum:
        raise SettingError(f"{where}: expected a whole number of at least {minimum}, "
                           f"got {value!r}")
    return number


DURATION = re.compile(r"^(?:(?P<family>[a-z_]+)=)?(?P<amount>\d+(?:\.\d+)?)(?P<unit>[smh]?)$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}


def soak_budget(value, where):
    """``10m`` -> (None, 600.0); ``queue=90s`` -> ("queue", 90.0)."""
    match = DURATION.match(str(value).strip())
    if not match or float(match["amount"]) <= 0:
        raise SettingError(f"{where}: expected [FAMILY=]DURATION such as 90s, 10m or "
                           f"queue=2m, got {value!r}")
    return match["family"], float(match["amount"]) * UNIT_SECONDS[match["unit"]]


def known_capabilities(value_where):
    names = listed(value_where)
    unknown = capabilities.unknown(names)
    if unknown:
        raise SettingError(f"{value_where[1]}: unknown capabilities {', '.join(unknown)} "
                           f"(known: {', '.join(capabilities.CAPABILITIES)})")
    return tuple(names)


_current = Settings()


def current():
    """The run's settings (the defaults until the plugin installs the run's own)."""
    return _current


def install(chosen):
    global _current
    _current = chosen
