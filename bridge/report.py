"""HTML report of a run: counts per entity and action, rejects, conflicts, timings."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>crm-bridge run {{ run.id }} ({{ run.source }})</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
th { background: #f3f3f3; } td.n { text-align: right; }
.status-ok { color: #11703a; }
.status-rejects, .status-conflicts, .status-failed { color: #a31515; }
code { font-size: 90%; white-space: pre-wrap; }
</style></head><body>
<h1>crm-bridge {{ run.command }} of source <em>{{ run.source }}</em></h1>
<p>Run {{ run.id }}{% if run.dry_run %} (dry run: nothing written){% endif %},
started {{ run.started_at }} UTC, finished {{ run.finished_at or "-" }},
status <strong class="status-{{ run.status }}">{{ run.status }}</strong>.</p>
<h2>Counts</h2>
<table><tr><th>entity</th>{% for a in actions %}<th>{{ a }}</th>{% endfor %}</tr>
{% for entity, c in counts.items() %}<tr><td>{{ entity }}</td>
{% for a in actions %}<td class="n">{{ c.get(a, 0) }}</td>{% endfor %}</tr>{% endfor %}
</table>
<h2>Rejected rows ({{ rejects | length }})</h2>
{% if rejects %}<table><tr><th>entity</th><th>id</th><th>line</th><th>reason</th>
<th>original row</th></tr>
{% for r in rejects %}<tr><td>{{ r.entity }}</td><td>{{ r.pk }}</td>
<td class="n">{{ r.line }}</td><td>{{ r.reason }}</td>
<td><code>{{ r.raw | tojson }}</code></td></tr>{% endfor %}</table>
{% else %}<p>None.</p>{% endif %}
<h2>Conflicts ({{ conflicts | length }})</h2>
{% if conflicts %}<table><tr><th>entity</th><th>id</th><th>reason</th><th>row</th></tr>
{% for c in conflicts %}<tr><td>{{ c.entity }}</td><td>{{ c.pk }}</td>
<td>{{ c.reason }}</td><td><code>{{ c.raw | tojson }}</code></td></tr>{% endfor %}
</table>{% else %}<p>None.</p>{% endif %}
<h2>Timings</h2>
<table>{% for k, v in timings.items() %}<tr><td>{{ k }}</td><td class="n">{{ v }}</td>
</tr>{% endfor %}</table>
</body></html>
"""
ACTIONS = ("created", "updated", "linked", "unchanged", "rejected", "conflicts")
_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render(run: dict, rejects: list[dict], conflicts: list[dict]) -> str:
    return _ENV.from_string(TEMPLATE).render(
        run=run,
        actions=ACTIONS,
        counts=json.loads(run.get("counts") or "{}"),
        timings=json.loads(run.get("timings") or "{}"),
        rejects=rejects,
        conflicts=conflicts,
    )


def write(
    directory: Path, run: dict, rejects: list[dict], conflicts: list[dict]
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"run-{run['id']:06d}-{run['source']}.html"
    path.write_text(render(run, rejects, conflicts), encoding="utf-8")
    return path
