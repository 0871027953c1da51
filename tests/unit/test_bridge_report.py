import json

from bridge import report


def test_report_shows_counts_rejects_with_row_and_escapes_html(tmp_path):
    run = {
        "id": 7, "source": "hubspot", "command": "sync", "dry_run": 0,
        "started_at": "2026-01-01 10:00:00", "finished_at": "2026-01-01 10:00:05",
        "status": "rejects",
        "counts": json.dumps({"contacts": {"created": 12, "rejected": 1}}),
        "timings": json.dumps({"total_s": 4.2}),
    }  # fmt: skip
    reason = "invalid email '<b>x'"
    rejects = [{"entity": "contacts", "pk": "9", "line": 4, "reason": reason,
                "raw": {"Email": "<b>x"}}]  # fmt: skip
    path = report.write(tmp_path, run, rejects, [])
    html = path.read_text()
    assert path.name == "run-000007-hubspot.html"
    assert '<td class="n">12</td>' in html
    assert "invalid email &#39;&lt;b&gt;x&#39;" in html
    assert "<b>x" not in html
    assert "status-rejects" in html and "total_s" in html
