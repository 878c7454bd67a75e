"""The report page: one self-contained HTML file (inline CSS, SVG and a few lines of script).

Nothing is fetched: no fonts, no images, no scripts from elsewhere, so the page opens
offline from a ``file://`` URL. Its size is bounded whatever the run's size: the
manifest's profile names at most a few hundred hosts, the page shows the top ones,
and ``samples.json`` holds a few documents per drop reason, each cut to an excerpt.

Numbers carry a ``data-key`` naming what they are (``drop:STEP:REASON``,
``funnel-in:STEP``, ``host-records:HOST``...), so a test can read them back from the
rendered page and compare them with the manifest. The script at the end checks that
every figure was laid out by the browser and marks it (``data-drawn``: the number of
drawn marks); a figure that could not be drawn says so on the page.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any, Final

from thresher.report import model
from thresher.report.svg import Segment, Series, columns, hbars
from thresher.run.manifest import HOSTS_IN_MANIFEST
from thresher.run.profile import HOSTS_PER_TASK
from thresher.run.progress import format_duration

__all__ = ["render_page"]

SHOWN_INPUTS: Final = 50

CSS: Final = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
main{max-width:1060px;margin:0 auto;padding:18px 28px 60px}
h1{font-size:24px;margin:10px 0 2px}h2{font-size:19px;margin:34px 0 8px;border-bottom:1px solid
#d5dae0;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
.sub{color:#5a6570;margin:0 0 14px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{background:#fff;border:1px solid #dde2e7;
border-radius:6px;padding:8px 14px;min-width:120px}.card b{display:block;font-size:20px}
.card span{color:#5a6570;font-size:12px}
table{border-collapse:collapse;background:#fff;margin:6px 0 10px;font-size:13px}
th,td{border:1px solid #e1e5ea;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.host{white-space:nowrap}
figure.plot{background:#fff;border:1px solid #dde2e7;border-radius:6px;margin:8px 0;
padding:8px;overflow-x:auto}figcaption{color:#5a6570;font-size:12px;margin-top:4px}
.chart text{font-size:12px;fill:#1d232a}.chart .tick{fill:#5a6570;font-size:11px}
.chart .axis{stroke:#9aa4ae}
.mark.kept,.key.kept{fill:#2f7ab8;background:#2f7ab8}
.mark.dropped,.key.dropped{fill:#d4553f;background:#d4553f}
.mark.flagged,.key.flagged{fill:#e39b2d;background:#e39b2d}
.mark.time,.key.time{fill:#6d7f91;background:#6d7f91}
.mark.stage{fill:#7a5cb0}
.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
.sample{background:#fff;border:1px solid #dde2e7;border-radius:6px;margin:8px 0;padding:8px 12px}
.sample .meta{font-size:12px;color:#5a6570;word-break:break-all}
.sample pre{white-space:pre-wrap;word-break:break-word;max-height:260px;overflow:auto;
background:#f8f9fa;border:1px solid #eceff2;padding:6px;margin:6px 0 2px;font-size:12px}
.measure{font-weight:600}.cut{display:block;background:#fde2dd;color:#8a2a17;
text-decoration:line-through;font:12px/1.5 ui-monospace,monospace;padding:0 4px;
white-space:pre-wrap;word-break:break-word}
.warn{color:#b3261e;font-weight:600}.note{color:#5a6570;font-size:12px}
pre.config{background:#fff;border:1px solid #dde2e7;padding:8px;font-size:12px;overflow:auto}
"""

SCRIPT: Final = """
(function(){var drawn=0;document.querySelectorAll("figure.plot").forEach(function(f){
var svg=f.querySelector("svg"),box=svg?svg.getBoundingClientRect():null,n=0;
f.querySelectorAll(".mark").forEach(function(m){var b=m.getBBox();if(b.width>0&&b.height>0)n++;});
f.dataset.drawn=(box&&box.width>0&&box.height>0)?n:0;
if(f.dataset.drawn>0){drawn++;}else{var p=document.createElement("p");p.className="warn";
p.textContent="This figure could not be drawn.";f.appendChild(p);}});
document.body.dataset.figuresDrawn=drawn;})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _n(value: int | float, key: str = "") -> str:
    attr = f' data-key="{_e(key)}"' if key else ""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    return f'<td class="n"{attr}>{text}</td>'


def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def _figure(svg: str, caption: str, name: str) -> str:
    return (f'<figure class="plot" data-figure="{_e(name)}">{svg}'
            f"<figcaption>{caption}</figcaption></figure>")


def _legend(*kinds: tuple[str, str]) -> str:
    return "".join(f'<span class="key {k}"></span>{_e(label)}' for k, label in kinds)


# -- sections ------------------------------------------------------------------------------------


def _summary(m: Mapping[str, Any]) -> str:
    acc = m["accounting"]
    timing = m.get("timing", {})
    records, kept = acc["records_in"], acc["documents_out"]
    run_s = float(timing.get("run_wall_seconds", timing.get("wall_seconds", 0.0)))
    attempts = int(timing.get("attempts", 1))
    size = sum(int(i.get("bytes", 0)) for i in m.get("inputs", []))
    cards = [
        ("records_in", f"{records:,}", "records read"),
        ("documents_out", f"{kept:,}", f"kept ({_pct(kept, records)})"),
        ("rejected", f"{acc['rejected']:,}", "dropped, with a reason"),
        ("inputs", f"{len(m.get('inputs', [])):,}", f"input file(s), {size / 1e6:,.1f} MB"),
        ("run_wall_seconds", format_duration(run_s),
         "wall time" + (f" over {attempts} attempts" if attempts > 1 else "")),
    ]
    body = "".join(
        f'<div class="card"><b data-key="{k}" data-value="{_e(raw)}">{_e(v)}</b>'
        f"<span>{_e(label)}</span></div>"
        for (k, v, label), raw in zip(
            cards, [records, kept, acc["rejected"], len(m.get("inputs", [])), run_s], strict=True
        )
    )
    balanced = acc.get("balanced", records == kept + acc["rejected"])
    check = ("every record is accounted for: read = kept + dropped" if balanced
             else "ACCOUNTING DOES NOT BALANCE: read != kept + dropped")
    cls = "note" if balanced else "warn"
    return f'<div class="cards">{body}</div><p class="{cls}">{check}</p>'


def _funnel(m: Mapping[str, Any]) -> str:
    rows = model.funnel(m)
    records = m["accounting"]["records_in"]
    bars = [
        (row.name + (" (stage)" if row.stage else ""), [
            Segment(row.left, "kept", f"{row.name}: {row.left:,} went on"),
            Segment(row.dropped, "dropped", f"{row.name}: {row.dropped:,} dropped"),
        ])
        for row in rows
    ]
    kept = m["accounting"]["documents_out"]
    bars.append(("kept", [Segment(kept, "kept", f"{kept:,} kept")]))
    svg = hbars(bars, "docs", scale_to=records, label="funnel")
    table = ["<table><tr><th>step</th><th>in</th><th>dropped</th><th>flagged</th>"
             "<th>went on</th><th>dropped, of its input</th></tr>"]
    for row in rows:
        table.append(
            f"<tr><td>{_e(row.name)}{' (stage)' if row.stage else ''}</td>"
            f"{_n(row.entered, 'funnel-in:' + row.name)}"
            f"{_n(row.dropped, 'funnel-drop:' + row.name)}{_n(row.flagged)}{_n(row.left)}"
            f"<td class='n'>{_pct(row.dropped, row.entered)}</td></tr>"
        )
    table.append(f"<tr><th>kept</th>{_n(kept, 'funnel-kept')}<td></td><td></td><td></td>"
                 "<td></td></tr></table>")
    legend = _legend(("kept", "went on"), ("dropped", "dropped"))
    caption = (f"Records through the pipeline, step by step: {legend}. "
               "A stage (dedup) works over the whole corpus between two phases.")
    return _figure(svg, caption, "funnel") + "".join(table) + _phases(m)


def _phases(m: Mapping[str, Any]) -> str:
    phases = m.get("phases", [])
    if not phases:
        return ""
    seconds = m.get("timing", {}).get("phase_seconds", [])
    rows = ["<h3>Phases</h3><table><tr><th>phase</th><th>steps</th><th>in</th><th>passed on</th>"
            "<th>dropped</th><th>time</th></tr>"]
    for p in phases:
        went = f"to {p['stage_after']}" if p.get("stage_after") else "kept"
        dropped = sum(p.get("dropped", {}).values())
        secs = seconds[p["phase"]] if p["phase"] < len(seconds) else 0.0
        rows.append(
            f"<tr><td>{p['phase']}</td><td>{_e(', '.join(p.get('steps', [])))}</td>"
            f"{_n(p['records_in'], 'phase-in:' + str(p['phase']))}"
            f"<td class='n'>{p['passed']:,} {_e(went)}</td>{_n(dropped)}"
            f"<td class='n'>{format_duration(float(secs))}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _reasons(m: Mapping[str, Any]) -> str:
    rows = model.drop_reasons(m)
    if not rows:
        return "<p>Nothing was dropped.</p>"
    records = m["accounting"]["records_in"]
    bars = [(r.key, [Segment(r.count, "flagged" if r.flagged else "dropped",
                             f"{r.key}: {r.count:,}")]) for r in rows]
    svg = hbars(bars, "docs", label="drop reasons")
    table = ["<table><tr><th>step:reason</th><th>records</th><th>of all records</th></tr>"]
    for r in rows:
        key = ("flag:" if r.flagged else "drop:") + r.key
        kind = " (flagged, kept)" if r.flagged else ""
        table.append(f"<tr><td><a href='#s-{_e(r.key)}'>{_e(r.key)}</a>{kind}</td>"
                     f"{_n(r.count, key)}<td class='n'>{_pct(r.count, records)}</td></tr>")
    table.append("</table>")
    caption = "Why records were dropped, most frequent first."
    return _figure(svg, caption, "reasons") + "".join(table)


def _languages(m: Mapping[str, Any]) -> str:
    rows = model.languages(m)
    if not rows:
        return "<p>No records were decided.</p>"
    bars = [(r.language, [Segment(r.kept, "kept", f"{r.language}: {r.kept:,} kept"),
                          Segment(r.dropped, "dropped", f"{r.language}: {r.dropped:,} dropped")])
            for r in rows]
    svg = hbars(bars, "docs", label="languages")
    table = ["<table><tr><th>language</th><th>kept</th><th>dropped</th></tr>"]
    for r in rows:
        table.append(f"<tr><td>{_e(r.language)}</td>{_n(r.kept, 'lang-kept:' + r.language)}"
                     f"{_n(r.dropped, 'lang-dropped:' + r.language)}</tr>")
    table.append("</table>")
    legend = _legend(("kept", "kept"), ("dropped", "dropped"))
    caption = ("Language of each record when its fate was decided "
               f"(none: dropped before language identification). {legend}")
    return _figure(svg, caption, "languages") + "".join(table)


def _lengths(m: Mapping[str, Any]) -> str:
    labels, kept, dropped = model.length_bins(m)
    if not labels:
        return "<p>No lengths were recorded.</p>"
    svg = columns(labels, [Series("kept", kept, "kept"), Series("dropped", dropped, "dropped")],
                  label="lengths")
    caption = ("Text length in characters when the record's fate was decided (records dropped "
               "before extraction have no text). "
               f"{_legend(('kept', 'kept'), ('dropped', 'dropped'))}")
    return _figure(svg, caption, "lengths")


def _host_cells(row: model.HostRow) -> str:
    drops = ", ".join(f"{_e(k)} {n:,}" for k, n in row.top_drops) or "-"
    return (f"{_n(row.records, 'host-records:' + row.host)}{_n(row.kept, 'host-kept:' + row.host)}"
            f"<td class='n'>{_pct(row.kept, row.records)}</td><td>{drops}</td>")


def _hosts(m: Mapping[str, Any]) -> str:
    rows, rest = model.hosts(m)
    out = ["<table><tr><th>host</th><th>records</th><th>kept</th><th>kept share</th>"
           "<th>top drop reasons</th></tr>"]
    for row in rows:
        out.append(f"<tr><td class='host'>{_e(row.host)}</td>{_host_cells(row)}</tr>")
    if rest.records:
        out.append(f"<tr><td class='host'><i>{_e(rest.host)}</i></td>{_host_cells(rest)}</tr>")
    out.append("</table><p class='note'>Hosts with the most records. Each task counts its "
               f"{HOSTS_PER_TASK} largest hosts by name and sums the others into one row (the "
               f"manifest keeps {HOSTS_IN_MANIFEST}), so a host spread thinly over many shards "
               "may be counted partly under the other hosts; the rows always add up to the "
               "records read.</p>")
    return "".join(out)


def _clusters(m: Mapping[str, Any]) -> str:
    rows = model.clusters(m)
    if not rows:
        return "<p>No duplicates were found (or the pipeline has no dedup stage).</p>"
    out = []
    for step in dict.fromkeys(r.step for r in rows):
        mine = [r for r in rows if r.step == step]
        labels = [str(r.size) if r.size < 100 else "100+" for r in mine]
        svg = columns(labels, [Series("clusters", [r.clusters for r in mine], "dropped")],
                      label=f"{step} clusters", height=180)
        out.append(f"<h3>{_e(step)}</h3>")
        out.append(_figure(svg, "Clusters by size (documents in the cluster; one is kept).",
                           f"clusters-{step}"))
        table = ["<table><tr><th>cluster size</th><th>clusters</th><th>copies dropped</th></tr>"]
        for r in mine:
            table.append(f"<tr>{_n(r.size)}{_n(r.clusters, f'clusters:{step}:{r.size}')}"
                         f"{_n(r.copies)}</tr>")
        table.append("</table>")
        out.append("".join(table))
    return "".join(out)


def _times(m: Mapping[str, Any]) -> str:
    rows = model.step_times(m)
    if not rows:
        return "<p>No timings were recorded.</p>"
    bars = [(k, [Segment(round(v, 2), "time", f"{k}: {v:.2f} s")]) for k, v in rows]
    svg = hbars(bars, "s", label="time per step")
    timing = m.get("timing", {})
    caption = (
        "Seconds spent in each step, summed over workers, and in each stage's analysis "
        f"(wall). This attempt took {format_duration(float(timing.get('wall_seconds', 0.0)))}"
        f", the whole run {format_duration(float(timing.get('run_wall_seconds', 0.0)))}."
    )
    table = ["<table><tr><th>step</th><th>seconds</th></tr>"]
    table += [f"<tr><td>{_e(k)}</td>{_n(round(v, 2), 'seconds:' + k)}</tr>" for k, v in rows]
    table.append("</table>")
    return _figure(svg, caption, "times") + "".join(table)


def _measure(sample: Mapping[str, Any]) -> str:
    value, threshold = sample.get("value"), sample.get("threshold")
    if value is None and threshold is None:
        return ""
    if threshold is None:
        return f"measured {value:g}"
    if value is None:
        return f"threshold {threshold:g}"
    return f"measured {value:g} against threshold {threshold:g}"


def _sample(sample: Mapping[str, Any]) -> str:
    url = sample.get("url") or ""
    link = f'<a href="{_e(url)}" rel="noreferrer">{_e(url)}</a>' if url else "(no url)"
    measure = _measure(sample)
    parts = [
        '<div class="sample">',
        f'<div class="meta">{link} &middot; id {_e(sample["id"])} &middot; {_e(sample["source"])}'
        f' &middot; {sample["chars"]:,} chars'
        + (f" &middot; language {_e(sample['language'])}" if sample.get("language") else "")
        + "</div>",
    ]
    if measure or sample.get("detail"):
        parts.append(f'<div><span class="measure">{_e(measure)}</span>'
                     f'{" &middot; " if measure and sample.get("detail") else ""}'
                     f'{_e(sample.get("detail") or "")}</div>')
    edits = sample.get("edits") or []
    if edits:
        parts.append(f'<div class="note">{len(edits)} line(s) removed by cleaners '
                     "before this:</div>")
        parts += [f'<span class="cut" title="{_e(step)} / {_e(rule)}">{_e(line)}</span>'
                  for step, rule, line in edits]
    text = sample.get("text") or ""
    if text:
        more = " [...]" if sample["chars"] > len(text) else ""
        parts.append(f"<pre>{_e(text)}{more}</pre>")
    parts.append("</div>")
    return "".join(parts)


def _samples(m: Mapping[str, Any], samples: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    if not samples:
        return "<p>No samples (samples.json is missing).</p>"
    keys = [r.key for r in model.drop_reasons(m)]
    keys += [k for k in sorted(samples) if k not in keys and k != model.KEPT]
    out = []
    for key in [*keys, model.KEPT]:
        chosen = samples.get(key, [])
        if not chosen:
            continue
        title = "kept documents" if key == model.KEPT else key
        out.append(f'<h3 id="s-{_e(key)}">{_e(title)}</h3>')
        out += [_sample(s) for s in chosen]
    steps = m.get("config", {}).get("steps", [])
    if any(s.get("use") == "clean_lines" and not s.get("record_edits") for s in steps):
        out.append("<p class='note'>Lines removed by clean_lines are listed when it runs with "
                   "record_edits = true (--set clean_lines.record_edits=true).</p>")
    return "".join(out)


def _about(m: Mapping[str, Any]) -> str:
    versions = m.get("versions", {})
    out = ["<table><tr><th>package</th><th>version</th></tr>"]
    out += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in sorted(versions.items())]
    out.append(f"<tr><td>python</td><td>{_e(m.get('python', ''))}</td></tr>")
    out.append(f"<tr><td>platform</td><td>{_e(m.get('platform', ''))}</td></tr></table>")
    inputs = m.get("inputs", [])
    out.append("<h3>Inputs</h3><table><tr><th>name</th><th>bytes</th></tr>")
    out += [f"<tr><td>{_e(i['name'])}</td>{_n(int(i.get('bytes', 0)))}</tr>"
            for i in inputs[:SHOWN_INPUTS]]
    out.append("</table>")
    if len(inputs) > SHOWN_INPUTS:
        out.append(f"<p class='note'>and {len(inputs) - SHOWN_INPUTS:,} more (manifest.json).</p>")
    config = json.dumps(m.get("config", {}), indent=2, ensure_ascii=False)
    out.append(f"<h3>Config</h3><p class='note'>hash {_e(m.get('config_hash', ''))}</p>"
               f'<pre class="config">{_e(config)}</pre>')
    return "".join(out)


def render_page(manifest: Mapping[str, Any], samples: Mapping[str, Any], title: str) -> str:
    """The whole page for a run's ``manifest`` and ``samples`` (``samples.json``)."""
    sections = [
        ("funnel", "Funnel", _funnel(manifest)),
        ("reasons", "Drop reasons", _reasons(manifest)),
        ("languages", "Languages", _languages(manifest)),
        ("lengths", "Text lengths", _lengths(manifest)),
        ("hosts", "Hosts", _hosts(manifest)),
        ("clusters", "Duplicate clusters", _clusters(manifest)),
        ("times", "Time per step", _times(manifest)),
        ("samples", "Sampled documents per drop reason", _samples(manifest, samples)),
        ("about", "Versions, inputs and config", _about(manifest)),
    ]
    nav = " &middot; ".join(f'<a href="#{k}">{_e(t)}</a>' for k, t, _ in sections)
    body = "".join(f'<section id="{k}"><h2>{_e(t)}</h2>{html_}</section>'
                   for k, t, html_ in sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>thresher report: {_e(title)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>thresher report</h1><p class='sub'>{_e(title)} &middot; thresher "
        f"{_e(manifest.get('thresher', ''))} &middot; config "
        f"{_e(str(manifest.get('config_hash', ''))[:12])}</p>{_summary(manifest)}"
        f"<p>{nav}</p>{body}</main><script>{SCRIPT}</script></body></html>\n"
    )
