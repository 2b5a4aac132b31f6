"""The conformance report: one result per invariant × provider × start method.

Results are built where the test ran (an xdist worker or the main process) and travel to the
controller inside the pytest report, so the summary, the JSON and the Markdown see them all.
"""

import json
import re
from collections import Counter, defaultdict

from conformance import outcomes

LEGEND = {
    outcomes.PASSED: "ok",
    outcomes.VIOLATED: "VIOLATED",
    outcomes.TIMED_OUT: "TIMED-OUT",
    outcomes.UNSUPPORTED: "unsupported",
    outcomes.KNOWN_DEVIATION: "known",
    outcomes.UNEXPECTED_PASS: "UNEXPECTED-PASS",
    outcomes.ERROR: "ERROR",
    outcomes.SKIPPED: "SKIPPED",
}
DETAIL_CHARS = 6000
PROPERTY = "conformance_result"


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

def build_result(item, report, outcome, deviation, run_options, example=None):
    """The JSON result of one invariant x start method x provider; ``example``: what the
    Hypothesis example that ran last (the failing one, when it failed) drew."""
    provider, method = item.callspec.params["target"]
    module = item.path.name
    result = {
        "id": item.nodeid,
        "invariant": f"{module}::{item.originalname}",
        "family": module[len("test_"):-len(".py")],
        "provider": provider,
        "start_method": method,
        "outcome": outcome,
        "duration": round(report.duration, 3),
        **invariant_metadata(item.function),
    }
    if deviation is not None:
        result["expectation"] = {"outcome": deviation.outcome, "reason": deviation.reason,
                                 "link": deviation.link, "source": deviation.source}
    if outcome not in (outcomes.PASSED, outcomes.UNEXPECTED_PASS):
        text = details_text(report)
        result["details"] = text[-DETAIL_CHARS:]
        result.update(evidence_fields(text))
        if example:
            result["example"] = ", ".join(f"{name}={value!r}" for name, value in example.items())
        result["reproduce"] = reproduce_command(item.nodeid, run_options)
    return result


def details_text(report):
    if report.skipped:
        return outcomes.skip_reason(report)
    return report.longreprtext


def evidence_fields(text):
    fields = {}
    blob = re.search(r"(@reproduce_failure\(.*?\))", text)
    if blob:
        fields["reproduce_blob"] = blob.group(1)
    reruns = re.search(r"reproduced in (\d+) of (\d+) re-runs", text)
    if reruns:
        fields["reruns"] = {"reproduced": int(reruns.group(1)), "of": int(reruns.group(2))}
    return fields


def reproduce_command(nodeid, run_options):
    words = ["pytest", f"'{nodeid}'", f"--mp-impl={run_options['implementation']}",
             f"--mp-deadline={run_options['deadline']:g}"]
    if run_options.get("profile"):
        words.append(f"--hypothesis-profile={run_options['profile']}")
    if run_options.get("seed") is not None:
        words.append(f"--hypothesis-seed={run_options['seed']}")
    return " ".join(words)


def attach(report, result):
    report.user_properties.append((PROPERTY, json.dumps(result)))


def detach(report):
    return [json.loads(value) for name, value in report.user_properties if name == PROPERTY]


# --- summaries ----------------------------------------------------------------------------------

def column_of(result):
    method = result["start_method"]
    return method if result["provider"] == "native" else f"{result['provider']}-{method}"


def cell(counts):
    if not counts:
        return "-"
    ordered = [o for o in outcomes.ALL if counts[o]]
    return " ".join(f"{counts[o]} {LEGEND[o]}" for o in ordered)


def matrix(results, methods=()):
    """Rows: families; columns: provider-start method; cells: counts per outcome."""
    order = {method: i for i, method in enumerate(methods)}
    columns = sorted({column_of(r) for r in results},
                     key=lambda c: ("-" in c, order.get(c.split("-")[-1], len(order)), c))
    table = defaultdict(Counter)
    for r in results:
        table[(r["family"], column_of(r))][r["outcome"]] += 1
    families = sorted({r["family"] for r in results})
    rows = [[family, *(cell(table[(family, column)]) for column in columns)]
            for family in families]
    return ["family", *columns], rows


def not_ok(results):
    return [r for r in results if r["outcome"] in (*outcomes.NOT_OK, outcomes.UNEXPECTED_PASS)]


def headline(result):
    """One line saying what went wrong: a forbidden outcome seen, else the error's first line."""
    lines = [line.strip() for line in result.get("details", "").splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    forbidden = [line for line in errors if re.match(r"[1-9]\d*\s+FORBIDDEN", line)]
    chosen = forbidden or errors or lines
    return re.sub(r"\s+", " ", chosen[0])[:160] if chosen else ""


def terminal_lines(results, facts):
    header, rows = matrix(results, facts["start_methods"])
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    counts = Counter(r["outcome"] for r in results)
    lines = [f"{len(results)} results on {facts_label(facts)}: "
             + ", ".join(f"{counts[o]} {o}" for o in outcomes.ALL if counts[o])]
    for row in [header, *rows]:
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    for result in not_ok(results):
        lines.append(f"{result['outcome'].upper()}: {result['id']}")
        if result["outcome"] == outcomes.UNEXPECTED_PASS:
            lines.append(f"    expected {result['expectation']['outcome']}: "
                         f"{result['expectation']['reason']} ({result['expectation']['source']})")
        else:
            lines.append(f"    {headline(result)}")
    return lines


def facts_label(facts):
    return (f"{facts['os']} {facts['interpreter']} {facts['python']}, "
            f"{facts['implementation']} {facts['implementation_version']}")


def markdown(results, facts):
    header, rows = matrix(results, facts["start_methods"])
    out = [f"### multiprocessing conformance: {facts_label(facts)}", ""]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    out.extend("| " + " | ".join(row) + " |" for row in rows)
    problems = not_ok(results)
    if problems:
        out += ["", "#### Not passed", ""]
        for result in problems:
            out.append(f"<details><summary><b>{result['outcome']}</b> "
                       f"<code>{result['id']}</code></summary>\n")
            out.append(f"Promise: {result['promise']}  \nDocs: {result['docs']}\n")
            if "reproduce" in result:
                out.append(f"Reproduce: `{result['reproduce']}`\n")
            out.append("```\n" + result.get("details", "")[-3000:] + "\n```\n</details>")
    return "\n".join(out) + "\n"


def document(results, facts, run_options):
    return {
        "kit": {"name": "mp-conformance", "version": __import__("conformance").__version__},
        "platform": facts,
        "options": run_options,
        "summary": dict(Counter(r["outcome"] for r in results)),
        "results": sorted(results, key=lambda r: r["id"]),
    }
