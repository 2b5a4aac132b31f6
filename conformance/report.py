"""The conformance report: one result per invariant × implementation × provider × start method.

A result is built where the test ran (an xdist worker or the main process) from what the
invariant raised — the fields of ``Violation``, ``Stuck``, ``Inconclusive``, the error's type —
and travels to the controller inside the pytest report.  Summaries, the JSON, the Markdown and
the matrix read those fields; nothing parses a rendered message.
"""

import json
import re
import shlex
from collections import Counter, defaultdict

from conformance import outcomes
from conformance.facts import target_label

LEGEND = {
    outcomes.PASSED: "ok",
    outcomes.VIOLATED: "VIOLATED",
    outcomes.ERROR: "ERROR",
    outcomes.TIMED_OUT: "TIMED-OUT",
    outcomes.INCONCLUSIVE: "INCONCLUSIVE",
    outcomes.UNSUPPORTED: "unsupported",
    outcomes.NOT_CLAIMED: "not-claimed",
    outcomes.KNOWN_DEVIATION: "known",
    outcomes.UNEXPECTED_PASS: "UNEXPECTED-PASS",
    outcomes.SKIPPED: "SKIPPED",
}
DETAIL_CHARS = 6000
PROPERTY = "conformance_result"
STEP_SUMMARY_LIMIT = 900_000  # bytes: GitHub refuses a step summary over 1 MiB
HEADLINE_CHARS = 200


# --- what an invariant promises, from its docstring -------------------------------------------

def invariant_metadata(function):
    """The promise (first paragraph), the ``Docs:`` section and the ``Promises:`` IDs."""
    doc = (function.__doc__ or "").strip()
    paragraphs = [" ".join(line.strip() for line in p.splitlines()) for p in doc.split("\n\n")]
    fields = {"promise": paragraphs[0] if paragraphs else "", "docs": "", "promises": []}
    for paragraph in paragraphs[1:]:
        for key, value in re.findall(r"(Docs|Promises):\s*(.*?)(?=\s(?:Docs|Promises):|$)",
                                     paragraph):
            if key == "Docs":
                fields["docs"] = value.strip()
            else:
                fields["promises"] = [p.strip(" .") for p in value.split(",") if p.strip(" .")]
    return fields


# --- one result ---------------------------------------------------------------------------------

def verdict_fields(outcome, exception):
    """The structured fields of what decided a non-pass."""
    if outcome == outcomes.VIOLATED:
        fields = exception.fields()
        if exception.reruns is not None:
            fields["reruns"] = {"reproduced": exception.reruns[0], "of": exception.reruns[1]}
        return {"violation": fields}
    if outcome == outcomes.TIMED_OUT:
        return {"stuck": exception.fields()}
    if outcome == outcomes.INCONCLUSIVE:
        return {"inconclusive": exception.fields()}
    return {"error": outcomes.error_fields(exception)}


def reproduce_blob(exception):
    """Hypothesis's ``@reproduce_failure(...)`` decorator, from the note it attached, if any."""
    for error in outcomes.leaves(exception) + [exception]:
        for note in getattr(error, "__notes__", ()):
            start = note.find("@reproduce_failure(")
            if start != -1:
                end = note.find(")", start)
                return note[start:end + 1]
    return None


def reproduce_command(module_name, test_name, run, implementation, method):
    """One command that reruns this invariant alone, the same from a clone and installed."""
    words = ["pytest", "--pyargs", f"{module_name}::{test_name}",
             f"--mp-impl={implementation}", f"--start-method={method}",
             f"--mp-profile={run.profile}"]
    if run.seed is not None:
        words.append(f"--hypothesis-seed={run.seed}")
    if run.scale != 1:
        words.append(f"--mp-scale={run.scale}")
    if run.deadline != 30:
        words.append(f"--mp-deadline={run.deadline:g}")
    words += [f"--mp-without={name}" for name in run.without]
    return " ".join(shlex.quote(word) for word in words)


def headline(result):
    """One line saying what was seen, from the result's fields."""
    outcome = result["outcome"]
    if outcome == outcomes.KNOWN_DEVIATION or outcome == outcomes.UNEXPECTED_PASS:
        expectation = result["expectation"]
        said = "expected" if outcome == outcomes.UNEXPECTED_PASS else "as expected"
        return f"{said}: {expectation['shows']}: {expectation['reason']}"
    if "violation" in result:
        violation = result["violation"]
        counts = ", ".join(f"{name} x{count}" for name, count in violation["forbidden"].items())
        first = next((items[0] for items in violation["evidence"].values() if items), "")
        line = f"FORBIDDEN {counts}" + (f": {first}" if first else "")
        if violation.get("reruns"):
            line += (f" (reproduced in {violation['reruns']['reproduced']} of "
                     f"{violation['reruns']['of']} re-runs)")
    elif "stuck" in result:
        stuck = result["stuck"]
        processes = ", ".join(f"{p['role']} (pid {p['pid']})" for p in stuck["processes"])
        line = f"stuck in {stuck['stuck_in']}" + (f": {processes}" if processes else "")
    elif "inconclusive" in result:
        found = result["inconclusive"]
        line = (f"{found['checker']} ran out of budget on a history of "
                f"{found['history_size']} operations: {found['reason']}")
    elif "unsupported" in result:
        line = f"needs {result['unsupported']['capability']}: {result['unsupported']['reason']}"
    elif "not_claimed" in result:
        from conformance.adapters import describe

        line = f"not claimed by the adapter: {describe(result['not_claimed'])}"
    elif "error" in result:
        error = result["error"]
        line = f"{error['type']} in {error['where']}: {error['message']}"
    else:
        line = result.get("details", "").strip().splitlines()[-1:] or [""]
        line = line[0]
    return re.sub(r"\s+", " ", line)[:HEADLINE_CHARS]


def attach(report, result):
    report.user_properties.append((PROPERTY, json.dumps(result)))


def detach(report):
    return [json.loads(value) for name, value in report.user_properties if name == PROPERTY]


def junit_properties(result):
    """The properties a JUnit consumer sees per testcase."""
    properties = [("outcome", result["outcome"]), ("implementation", result["implementation"]),
                  ("promises", " ".join(result["promises"])), ("docs", result["docs"])]
    if "violation" in result:
        properties.append(("forbidden", " ".join(f"{name}={count}" for name, count
                                                 in result["violation"]["forbidden"].items())))
    if result["outcome"] != outcomes.PASSED:
        properties.append(("headline", headline(result)))
    if "expectation" in result:
        properties += [("expectation", result["expectation"]["reason"]),
                       ("expectation_link", result["expectation"]["link"])]
    if "reproduce" in result:
        properties.append(("reproduce", result["reproduce"]))
    return properties


# --- summaries ----------------------------------------------------------------------------------

def column_of(result, several_implementations=False):
    method = result["start_method"]
    column = method if result["provider"] == "native" else f"{result['provider']}-{method}"
    return f"{result['implementation']} {column}" if several_implementations else column


def cell(counts):
    if not counts:
        return "-"
    return " ".join(f"{counts[o]} {LEGEND[o]}" for o in outcomes.ALL if counts[o])


def matrix(results, methods=()):
    """Rows: families; columns: (implementation) provider-start method; cells: counts."""
    several = len({r["implementation"] for r in results}) > 1
    order = {method: i for i, method in enumerate(methods)}
    columns = sorted({column_of(r, several) for r in results},
                     key=lambda c: (c.rsplit(" ", 1)[0] if several else "", "-" in c,
                                    order.get(c.split("-")[-1], len(order)), c))
    table = defaultdict(Counter)
    for r in results:
        table[(r["family"], column_of(r, several))][r["outcome"]] += 1
    families = sorted({r["family"] for r in results})
    rows = [[family, *(cell(table[(family, column)]) for column in columns)]
            for family in families]
    return ["family", *columns], rows


def listed(results):
    return [r for r in results if r["outcome"] in outcomes.LISTED]


def deviation_tallies(results):
    """Per expectation entry: how many results it excused and how many it applied to (an
    intermittent entry applies without showing when the run did not draw the example)."""
    tallies = {}
    for r in results:
        expectation = r.get("expectation")
        if expectation:
            shown, applied = tallies.get(expectation["source"], (0, 0))
            tallies[expectation["source"]] = (shown + (r["outcome"] ==
                                                       outcomes.KNOWN_DEVIATION), applied + 1)
    return tallies


def terminal_lines(results, facts):
    header, rows = matrix(results, facts["start_methods"])
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    counts = Counter(r["outcome"] for r in results)
    lines = [f"{len(results)} results on {facts_label(facts, results)}: "
             + ", ".join(f"{counts[o]} {o}" for o in outcomes.ALL if counts[o])]
    for row in [header, *rows]:
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    for result in listed(results):
        lines.append(f"{result['outcome'].upper()}: {result['id']}")
        lines.append(f"    {headline(result)}")
        if "reproduce" in result:
            lines.append(f"    reproduce: {result['reproduce']}")
        if result.get("reproduce_blob"):
            lines.append(f"    pin the example with {result['reproduce_blob']}")
    tallies = deviation_tallies(results)
    if tallies:
        lines.append("known deviations (entry: results it excused / results it applied to):")
        for source, (shown, applied) in sorted(tallies.items()):
            lines.append(f"    {source}: {shown}/{applied}")
    soaked = [r for r in results if r.get("soak")]
    if soaked:
        lines.append("soak (invariant: examples, program size, seconds, examples/s):")
        for r in soaked:
            soak = r["soak"]
            lines.append(f"    {r['id']}: {r['examples']}, {r['size']}, {soak['seconds']:.1f}, "
                         f"{soak['examples_per_second']:.1f}")
    return lines


def facts_label(facts, results=()):
    implementations = sorted({(r["implementation"], r.get("implementation_version", ""))
                              for r in results}) or [(facts.get("implementation", "?"),
                                                      facts.get("implementation_version", ""))]
    named = ", ".join(f"{name} {version}".strip() for name, version in implementations)
    return f"{facts['os']} {facts['interpreter']} {facts['python']}, {named}"


def markdown(results, facts, limit=None):
    """The Markdown summary; with ``limit`` (bytes) the details of non-passes are cut so that
    the whole stays below it (the headline and every listed result stay)."""
    header, rows = matrix(results, facts["start_methods"])
    out = [f"### multiprocessing conformance: {facts_label(facts, results)}", ""]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    problems = listed(results)
    if problems:
        out += ["", "#### Not passed", ""]
    details = []
    for result in problems:
        out.append(f"- **{result['outcome']}** `{result['id']}`: {headline(result)}")
        block = [f"<details><summary><b>{result['outcome']}</b> <code>{result['id']}</code>"
                 f"</summary>\n", f"Promise: {result['promise']}  \nDocs: {result['docs']}\n"]
        if "reproduce" in result:
            block.append(f"Reproduce: `{result['reproduce']}`\n")
        block.append("```\n" + result.get("details", "")[-3000:] + "\n```\n</details>")
        details.append("\n".join(block))
    text = "\n".join(out) + "\n"
    if details:
        text += "\n"
        for block in details:
            if limit is not None and len((text + block).encode("utf-8")) > limit - 200:
                text += ("\n_Details of the other results are in the JSON report "
                         "(--conformance-json) and the job's artifacts._\n")
                break
            text += block + "\n"
    return text


def document(results, facts, run_options):
    return {
        "kit": {"name": "mp-conformance", "version": __import__("conformance").__version__},
        "platform": facts,
        "options": run_options,
        "summary": dict(Counter(r["outcome"] for r in results)),
        "results": sorted(results, key=lambda r: r["id"]),
    }


def label_of(facts, result):
    return target_label({**facts, "implementation": result["implementation"]})
