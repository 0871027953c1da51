"""The bridge under faults against a live Odoo: killed with SIGKILL while Odoo
runs its create batch, call timeouts shorter than a batch, a value Odoo's
database refuses. Each row ends as exactly one partner, or as a reject."""

from __future__ import annotations

import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from bridge_helpers import make_config, run

from bridge import samples
from bridge.fence import TOKEN_MODEL, label

HEADER = ["Record ID", "First Name", "Last Name", "Email"]


def people_file(path, tag: str, n: int):
    rows = [[str(i), "Fault", f"{tag} {i}", f"p{i}.{tag}@example.com"]
            for i in range(n)]  # fmt: skip
    return samples.write_csv(path, HEADER, rows)


def partners_of(client, tag: str) -> list[int]:
    return client.execute(
        "res.partner", "search", [[("name", "like", tag)]],
        {"context": {"active_test": False}},
    )  # fmt: skip


def external_ids_of(client, tag: str) -> list[int]:
    rows = client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=like", f"{tag}_contacts_%")]],
        {"fields": ["res_id"]},
    )  # fmt: skip
    return [row["res_id"] for row in rows]


def tokens_left(client, tag: str) -> int:
    return client.execute(
        TOKEN_MODEL, "search_count", [[("name", "=", label(tag))]],
        {"context": {"active_test": False}},
    )  # fmt: skip


def write_config(tmp_path, endpoint, tag: str, contacts, **sync) -> str:
    lines = [
        "[odoo]", f'url = "{endpoint.url}"', f'database = "{endpoint.database}"',
        f'login = "{endpoint.login}"', "[source]", f'name = "{tag}"',
        'preset = "hubspot"', "[source.files]", f'contacts = "{contacts}"', "[sync]",
        *(f"{k} = {v!r}".replace("'", '"') for k, v in sync.items()),
    ]  # fmt: skip
    path = tmp_path / "crm-bridge.toml"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def bridge(config: str, secret: str) -> subprocess.Popen:
    env = {**os.environ, "CRM_BRIDGE_ODOO_SECRET": secret}
    return subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "-c", config, "sync"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def wait_for_intents(state_path, proc, timeout=120) -> None:
    """Until the run has journalled its create batch (and so sent it next)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read()
        try:
            with sqlite3.connect(state_path) as db:
                if db.execute("SELECT count(*) FROM intents").fetchone()[0]:
                    return
        except sqlite3.OperationalError:
            pass  # not created yet
        time.sleep(0.05)
    raise AssertionError("the bridge never journalled a create batch")


@pytest.mark.parametrize("kill_after", [0.5, 8.0])
def test_sigkill_during_an_inflight_create_batch_then_resume(
    tmp_path, admin_endpoint, admin_client, run_tag, kill_after
):
    """One batch of 3,000 contacts: the bridge is killed while Odoo creates
    them, and the resume starts before Odoo has finished. Settling the
    batch's token either waits for it (the resume then finds its 3,000
    partners) or, if the batch has not linked the token yet, makes it fail
    (the resume creates the 3,000): never both, never a duplicate."""
    n = 3000
    contacts = people_file(tmp_path / "contacts.csv", run_tag, n)
    config = write_config(tmp_path, admin_endpoint, run_tag, contacts,
                          batch_size=n, workers=1, create_method="create")  # fmt: skip
    first = bridge(config, admin_endpoint.secret)
    wait_for_intents(tmp_path / ".crm-bridge/state.sqlite", first)
    time.sleep(kill_after)  # the batch is on its way to Odoo, or in it
    first.send_signal(signal.SIGKILL)
    first.wait()
    # 0.5 s: Odoo is still creating them; 8 s: it may have committed by now
    assert len(partners_of(admin_client, run_tag)) in (0, n)
    resumed = bridge(config, admin_endpoint.secret)
    out, _ = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, out
    note = re.search(r"found (\d+) contacts created by an interrupted", out)
    if note:  # else the killed run had finished its batch, ids and state
        assert int(note[1]) in (0, n), "a batch commits whole or not at all"
        created = re.search(r"^contacts +(\d+)", out, re.MULTILINE)[1]
        assert int(created) == n - int(note[1])
    partners = partners_of(admin_client, run_tag)
    assert len(partners) == n
    assert sorted(external_ids_of(admin_client, run_tag)) == sorted(partners)
    assert tokens_left(admin_client, run_tag) == 0


def test_timeouts_shorter_than_a_create_batch_create_each_row_once(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    n = 4000
    contacts = people_file(tmp_path / "contacts.csv", run_tag, n)
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot",
                         {"contacts": contacts}, batch_size=2000, workers=2,
                         create_method="create")  # fmt: skip
    config.odoo.timeout = 1
    config.odoo.retries = 10  # on a busy machine, even a login may take longer
    result = run(config)
    assert result.status == "ok"
    assert result.counts["contacts"]["created"] == n
    partners = partners_of(admin_client, run_tag)
    assert len(partners) == n
    assert sorted(external_ids_of(admin_client, run_tag)) == sorted(partners)
    assert tokens_left(admin_client, run_tag) == 0


def test_a_value_postgresql_refuses_is_rejected_the_rest_created(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    for method in ("create", "load"):
        tag = f"{run_tag}{method[0]}"
        rows = [[str(i), "Long", f"{tag} {i}", f"l{i}.{tag}@example.com"]
                for i in range(300)]  # fmt: skip
        rows[123][2] = f"{tag} {secrets.token_hex(10000)}"  # 20,000 characters
        contacts = samples.write_csv(tmp_path / f"{method}.csv", HEADER, rows)
        config = make_config(tmp_path / method, admin_endpoint, tag, "hubspot",
                             {"contacts": contacts}, batch_size=100,
                             create_method=method)  # fmt: skip
        result = run(config)
        assert result.status == "rejects", method
        assert result.counts["contacts"]["created"] == 299, method
        ((pk, reason),) = [(r.pk, r.reason) for r in result.rejects]
        assert pk == "123" and "index row" in reason, (method, reason)
        assert len(external_ids_of(admin_client, tag)) == 299
