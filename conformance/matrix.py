"""Combine several ``--conformance-json`` results into one cross-platform matrix.

    python -m conformance.matrix results/*.json --markdown matrix.md --html matrix.html

Rows are invariants (per provider), columns are the platforms; each cell shows the outcome under
every start method that platform offers.  Below the matrix, every result that did not pass is
listed with its evidence and how to reproduce it.  ``--only-differences`` (what the README
shows) leaves out the rows that passed everywhere.

``--thirdparty-readme README.md`` instead writes the section on third-party libraries vetted
through adapters (``conformance/adapters/``, ``nox -s thirdparty``): per adapter, per invariant
that constructs its primitive, the outcome under each start method, with the evidence of every
violation and the promises it does not claim.
"""

import argparse
import html
import importlib
import json
import os
import sys
from collections import Counter

from conformance import adapters, outcomes
from conformance.facts import target_label
from conformance.report import headline

SYMBOLS = {
    outcomes.PASSED: "✔",
    outcomes.VIOLATED: "✘",
    outcomes.ERROR: "E",
    outcomes.TIMED_OUT: "⏱",
    outcomes.INCONCLUSIVE: "?",
    outcomes.UNSUPPORTED: "∅",
    outcomes.NOT_CLAIMED: "○",
    outcomes.KNOWN_DEVIATION: "≈",
    outcomes.UNEXPECTED_PASS: "‼",
    outcomes.SKIPPED: "S",
}
COLOURS = {
    outcomes.PASSED: "#d7f5d7", outcomes.VIOLATED: "#f9c6c6", outcomes.TIMED_OUT: "#fbd9a8",
    outcomes.INCONCLUSIVE: "#e8d4f7",
    outcomes.UNSUPPORTED: "#e4e4e4", outcomes.NOT_CLAIMED: "#f0f0f0",
    outcomes.KNOWN_DEVIATION: "#f6f0b0",
    outcomes.UNEXPECTED_PASS: "#c9dcf9", outcomes.ERROR: "#f9c6c6", outcomes.SKIPPED: "#e4e4e4",
}
SHORT_METHOD = {"fork": "fork", "spawn": "spawn", "forkserver": "fsrv"}


def load(paths):
    documents = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            documents.append(json.load(f))
    return per_implementation(documents)


def per_implementation(documents):
    """One document per platform × implementation (a run may test several), labelled and in
    platform order."""
    split = []
    for document in documents:
        names = sorted({r["implementation"] for r in document["results"]}) or \
            [document["platform"].get("implementation", "?")]
        for name in names:
            platform = {**document["platform"], "implementation": name}
            split.append({**document, "platform": platform, "label": target_label(platform),
                          "results": [r for r in document["results"]
                                      if r.get("implementation", name) == name]})
    return sorted(split, key=platform_order)


def platform_order(document):
    """The standard library before drop-ins; then interpreter and version, numerically."""
    facts = document["platform"]
    version = tuple(int(part) for part in facts["python"].split(".")[:3] if part.isdigit())
    return (facts["implementation"] != "multiprocessing", facts["implementation"],
            facts["interpreter"], version, document["label"])


def row_key(result):
    provider = "" if result["provider"] == "native" else f" [{result['provider']}]"
    return f"{result['invariant']}{provider}"


def grid(documents):
    """{row: {label: [(method, result)]}} and the sorted rows."""
    cells = {}
    for document in documents:
        methods = document["platform"]["start_methods"]
        for result in document["results"]:
            per_target = cells.setdefault(row_key(result), {}).setdefault(document["label"], [])
            per_target.append(result)
        for per_target in cells.values():
            if document["label"] in per_target:
                per_target[document["label"]].sort(
                    key=lambda r: methods.index(r["start_method"])
                    if r["start_method"] in methods else len(methods))
    return cells, sorted(cells)


def cell_text(results):
    return " ".join(f"{SHORT_METHOD.get(r['start_method'], r['start_method'])}"
                    f"{SYMBOLS[r['outcome']]}" for r in results) or "–"


def legend():
    return " · ".join(f"{symbol} {name}" for name, symbol in SYMBOLS.items())


def summary_rows(documents):
    for document in documents:
        counts = Counter(r["outcome"] for r in document["results"])
        yield document["label"], [str(counts[o]) for o in outcomes.ALL]


def not_passed(documents):
    for document in documents:
        for result in document["results"]:
            if result["outcome"] != outcomes.PASSED:
                yield document["label"], result


def not_passed_grouped(documents):
    """Results that did not pass, one line per platform, invariant, outcome and reason, with
    the start methods it showed under."""
    groups = {}
    for label, result in not_passed(documents):
        reason = result.get("expectation", {}).get("reason") or headline(result)
        key = (label, row_key(result), result["outcome"], reason)
        groups.setdefault(key, []).append(result["start_method"])
    order = list(SHORT_METHOD)
    return {key: [SHORT_METHOD.get(m, m) for m in
                  sorted(methods, key=lambda m: order.index(m) if m in order else len(order))]
            for key, methods in groups.items()}


def passed_everywhere(cells, row):
    return all(r["outcome"] == outcomes.PASSED for per in cells[row].values() for r in per)


def markdown(documents, only_differences=False):
    labels = [d["label"] for d in documents]
    cells, rows = grid(documents)
    out = ["# multiprocessing conformance matrix", "", f"Legend: {legend()}", ""]
    out += ["| platform | " + " | ".join(outcomes.ALL) + " |",
            "|---|" + "---|" * len(outcomes.ALL)]
    out += [f"| {label} | " + " | ".join(counts) + " |" for label, counts in summary_rows(documents)]
    shown = [row for row in rows if not (only_differences and passed_everywhere(cells, row))]
    if only_differences:
        out += ["", f"{len(rows) - len(shown)} of {len(rows)} invariants (counting manager "
                    f"variants) passed on every platform under every start method; the other "
                    f"{len(shown)}:"]
    out += ["", "| invariant | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for row in shown:
        out.append(f"| `{row}` | " + " | ".join(cell_text(cells[row].get(label, []))
                                               for label in labels) + " |")
    problems = not_passed_grouped(documents)
    if problems:
        out += ["", "## Not passed", ""]
        for (label, row, outcome, reason), methods in problems.items():
            out.append(f"- **{outcome}** {label}: `{row}` ({' '.join(methods)}) — {reason}")
    return "\n".join(out) + "\n"


def html_page(documents):
    labels = [d["label"] for d in documents]
    cells, rows = grid(documents)
    esc = html.escape
    head = "".join(f"<th>{esc(label)}</th>" for label in labels)
    body = []
    for row in rows:
        tds = []
        for label in labels:
            spans = "".join(
                f'<span class="r" style="background:{COLOURS[r["outcome"]]}" '
                f'title="{esc(r["outcome"] + ": " + (headline(r) or r["promise"]))}">'
                f'{esc(SHORT_METHOD.get(r["start_method"], r["start_method"]))}'
                f'{SYMBOLS[r["outcome"]]}</span>'
                for r in cells[row].get(label, []))
            tds.append(f"<td>{spans or '–'}</td>")
        body.append(f"<tr><th class=inv>{esc(row)}</th>{''.join(tds)}</tr>")
    summary = "".join(f"<tr><th>{esc(label)}</th>{''.join(f'<td>{c}</td>' for c in counts)}</tr>"
                      for label, counts in summary_rows(documents))
    problems = "".join(
        f"<details><summary><b>{esc(r['outcome'])}</b> {esc(label)} <code>{esc(r['id'])}</code>"
        f"</summary><p>{esc(r['promise'])}<br>Docs: {esc(r['docs'])}</p>"
        f"<p>Reproduce: <code>{esc(r.get('reproduce', ''))}</code></p>"
        f"<pre>{esc(r.get('details', ''))}</pre></details>"
        for label, r in not_passed(documents))
    return f"""<!doctype html><meta charset="utf-8"><title>multiprocessing conformance</title>
<style>body{{font:14px sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:2px 6px;text-align:left}}th.inv{{font:12px monospace}}
.r{{display:inline-block;margin:1px;padding:0 3px;border-radius:3px;font:12px monospace}}
pre{{background:#f6f6f6;padding:1em;overflow:auto;max-height:30em}}</style>
<h1>multiprocessing conformance</h1><p>{esc(legend())}</p>
<table><tr><th>platform</th>{''.join(f'<th>{o}</th>' for o in outcomes.ALL)}</tr>{summary}</table>
<h2>Matrix</h2><table><tr><th>invariant</th>{head}</tr>{''.join(body)}</table>
<h2>Not passed</h2>{problems or '<p>none</p>'}
"""


README_START = "<!-- matrix:start (generated by `nox -s readme`) -->"
README_END = "<!-- matrix:end -->"


def update_between_markers(path, text):
    with open(path, encoding="utf-8") as f:
        current = f.read()
    if README_START not in current or README_END not in current:
        raise SystemExit(f"{path}: no matrix markers ({README_START} ... {README_END})")
    before, rest = current.split(README_START, 1)
    after = rest.split(README_END, 1)[1]
    body = text.replace("# multiprocessing conformance matrix\n", "", 1).strip()
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{before}{README_START}\n{body}\n{README_END}{after}")


THIRDPARTY_START = "<!-- thirdparty:start (generated by `nox -s thirdparty`) -->"
THIRDPARTY_END = "<!-- thirdparty:end -->"
WRITE_UPS = "docs/thirdparty"  # <distribution>.md: a write-up of each library's violations


def adapter_of(name):
    """The adapter ``--mp-impl name`` loaded (libraries are imported only by its factories),
    or None if it is none (or no longer loads)."""
    try:
        return adapters.load(name)
    except (ImportError, adapters.AdapterError):
        return None


def adapter_title(name, adapter):
    """What the adapter vets: the first line of its module's docstring, else its label."""
    if adapter is not None and not name.endswith(".toml"):
        doc = (importlib.import_module(name).__doc__ or "").strip()
        if doc:
            return " ".join(doc.split("\n\n")[0].split()).replace("``", "`")
    return adapter.label if adapter is not None else name


def thirdparty_markdown(documents, write_ups=WRITE_UPS, root="."):
    """The README section: a summary row per adapter, then per adapter its invariants × start
    methods, each violation's evidence (and the library's write-up, if there is one) and the
    promises it does not claim."""
    order = list(SHORT_METHOD)
    symbols = " · ".join(f"{SYMBOLS[o]} {o}" for o in (outcomes.PASSED, outcomes.VIOLATED,
                                                       outcomes.NOT_CLAIMED, outcomes.ERROR,
                                                       outcomes.TIMED_OUT))
    summary = ["| adapter (`--mp-impl`) | library | start methods | "
               + " | ".join(SYMBOLS[o] for o in (outcomes.PASSED, outcomes.VIOLATED,
                                                 outcomes.NOT_CLAIMED)) + " | other |",
               "|---|---|---|---|---|---|---|"]
    sections = []
    for document in documents:
        name = document["platform"]["implementation"]
        results = [r for r in document["results"] if r["provider"] == "native"]
        if not results:
            continue
        adapter = adapter_of(name)
        groups = {adapters.KINDS[kind][0] for kind in adapter.primitives} if adapter else set()
        methods = sorted({r["start_method"] for r in results},
                         key=lambda m: order.index(m) if m in order else len(order))
        version = results[0].get("implementation_version", "")
        counts = Counter(r["outcome"] for r in results)
        other = sum(n for o, n in counts.items()
                    if o not in (outcomes.PASSED, outcomes.VIOLATED, outcomes.NOT_CLAIMED))
        summary.append(f"| `{name}` | {version} | {' '.join(methods)} | "
                       f"{counts[outcomes.PASSED]} | {counts[outcomes.VIOLATED]} | "
                       f"{counts[outcomes.NOT_CLAIMED]} | {other} |")
        links = [f"[{write_ups}/{d}.md]({write_ups}/{d}.md)" for d in
                 sorted(adapter.versions() if adapter and counts[outcomes.VIOLATED] else ())
                 if os.path.exists(os.path.join(root, write_ups, f"{d}.md"))]
        out = ["", f"#### {version}: {adapter_title(name, adapter)}", "",
               f"`--mp-impl {name}`" + (f" · write-up: {', '.join(links)}" if links else ""),
               "", "| invariant | promises | " + " | ".join(SHORT_METHOD.get(m, m)
                                                        for m in methods) + " | |",
               "|---|---|" + "---|" * (len(methods) + 1)]
        rows = {}
        for result in results:
            rows.setdefault(result["invariant"], {})[result["start_method"]] = result
        for invariant, per_method in sorted(rows.items()):
            shown = list(per_method.values())
            cited = [p for p in shown[0]["promises"] if not groups or p.split("-")[0] in groups]
            note = ""
            if shown[0]["outcome"] == outcomes.NOT_CLAIMED:
                note = f"not claimed: {adapters.describe(shown[0]['not_claimed'])}"
            else:
                failing = next((r for r in shown if r["outcome"] != outcomes.PASSED), None)
                if failing is not None:
                    note = (f"{failing['start_method']}: "
                            f"{headline(failing)}".replace("|", "\\|"))
            out.append(f"| `{invariant}` | {', '.join(cited)} | " + " | ".join(
                SYMBOLS[per_method[m]["outcome"]] if m in per_method else "–"
                for m in methods) + f" | {note} |")
        sections += out
    text = [f"Legend: {symbols}", "", *summary, *sections]
    return "\n".join(text) + "\n"


def update_thirdparty_readme(path, documents):
    with open(path, encoding="utf-8") as f:
        current = f.read()
    if THIRDPARTY_START not in current or THIRDPARTY_END not in current:
        raise SystemExit(f"{path}: no third-party markers ({THIRDPARTY_START} ... "
                         f"{THIRDPARTY_END})")
    before, rest = current.split(THIRDPARTY_START, 1)
    after = rest.split(THIRDPARTY_END, 1)[1]
    body = thirdparty_markdown(documents, root=os.path.dirname(os.path.abspath(path)))
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{before}{THIRDPARTY_START}\n{body}{THIRDPARTY_END}{after}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="conformance-matrix", description=__doc__.split("\n")[0])
    parser.add_argument("results", nargs="+", help="JSON files from --conformance-json")
    parser.add_argument("--markdown", help="write the Markdown matrix here (default: stdout)")
    parser.add_argument("--html", help="write a static HTML page here")
    parser.add_argument("--readme", help="replace the matrix between the markers of this file")
    parser.add_argument("--thirdparty-readme", metavar="README",
                        help="replace the third-party libraries' section between the markers "
                             "of this file (results of adapters)")
    args = parser.parse_args(argv)
    documents = load(args.results)
    text = markdown(documents)
    if args.thirdparty_readme:
        update_thirdparty_readme(args.thirdparty_readme, documents)
    elif args.readme:
        update_between_markers(args.readme, markdown(documents, only_differences=True))
    elif args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write(html_page(documents))


if __name__ == "__main__":
    main()
