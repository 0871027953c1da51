"""The CLI's offline behaviour: help, init, and config errors (exit code 2)."""

import os
import subprocess
import sys

import pytest
from fake_jsonrpc import FakeJsonRpc

from bridge import cli
from bridge.state import StateStore


def test_help_lists_commands_and_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("init", "check", "plan", "sync", "export", "report", "status"):
        assert command in out
    assert "4 another run holds" in out


@pytest.mark.parametrize("command", ["sync", "plan", "status", "export"])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert "usage: crm-bridge " + command in capsys.readouterr().out


def test_init_writes_config_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "bridge.toml"
    assert cli.main(["-c", str(path), "init"]) == 0
    assert "CRM_BRIDGE_ODOO_SECRET" in path.read_text()
    assert cli.main(["-c", str(path), "init"]) == 2
    assert cli.main(["-c", str(path), "init", "--force"]) == 0


def test_config_errors_exit_2_and_name_the_key(tmp_path, monkeypatch, caplog):
    path = tmp_path / "bridge.toml"
    cli.main(["-c", str(path), "init"])
    monkeypatch.delenv("CRM_BRIDGE_ODOO_SECRET", raising=False)
    assert cli.main(["-c", str(path), "sync"]) == 2
    assert "CRM_BRIDGE_ODOO_SECRET: not set" in caplog.text
    monkeypatch.setenv("CRM_BRIDGE_ODOO_SECRET", "topsecret")
    path.write_text(path.read_text().replace("batch_size = 500", "batch_size = 0"))
    assert cli.main(["-c", str(path), "plan"]) == 2
    assert "sync.batch_size" in caplog.text
    assert "topsecret" not in caplog.text


def test_unreachable_odoo_exits_3(tmp_path, monkeypatch):
    path = tmp_path / "bridge.toml"
    cli.main(["-c", str(path), "init"])
    monkeypatch.setenv("CRM_BRIDGE_ODOO_SECRET", "x")
    monkeypatch.setenv("CRM_BRIDGE_ODOO_URL", "http://127.0.0.1:9")  # discard port
    path.write_text(path.read_text().replace("retries = 5", "retries = 1"))
    assert cli.main(["-c", str(path), "check"]) == 3


def test_status_lists_runs_and_unlocks(tmp_path, capsys):
    path = tmp_path / "bridge.toml"
    cli.main(["-c", str(path), "init"])
    state = StateStore(tmp_path / ".crm-bridge/state.sqlite")
    run = state.start_run("hubspot", "sync", False)
    state.acquire("hubspot", run)
    state.db.execute("UPDATE locks SET host = 'elsewhere'")
    state.close()
    assert cli.main(["-c", str(path), "status", "--unlock"]) == 0
    out = capsys.readouterr().out
    assert "lock removed" in out and "interrupted" in out  # its lock gone


def _check_against(tmp_path, server_secret, secret) -> subprocess.CompletedProcess:
    """``crm-bridge -v check`` in its own process, as a user runs it."""
    server = FakeJsonRpc(server_secret, lambda *_call: True)
    path = tmp_path / "bridge.toml"
    cli.main(["-c", str(path), "init"])
    path.write_text(path.read_text().replace("retries = 5", "retries = 1"))
    env = {**os.environ, "CRM_BRIDGE_ODOO_URL": server.url,
           "CRM_BRIDGE_ODOO_SECRET": secret}  # fmt: skip
    try:
        return subprocess.run(
            [sys.executable, "-m", "bridge.cli", "-c", str(path), "-v", "check"],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    finally:
        server.close()


def test_verbose_logs_never_show_a_secret_with_quotes(tmp_path):
    secret = 'back\\slash "quoted"'
    done = _check_against(tmp_path, secret, secret)
    assert done.returncode == 0, done.stderr
    assert "res.partner.has_access" in done.stderr, "the calls are logged"
    for shown in ("back\\slash", "back\\\\slash", '\\"quoted'):
        assert shown not in done.stderr


def test_a_secret_that_is_a_common_word_leaves_messages_alone(tmp_path):
    done = _check_against(tmp_path, "right", "wrong")
    assert done.returncode == 3
    assert "(wrong login, password or API key)" in done.stderr


def test_status_shows_a_killed_run_as_interrupted(tmp_path, capsys):
    path = tmp_path / "bridge.toml"
    cli.main(["-c", str(path), "init"])
    state = StateStore(tmp_path / ".crm-bridge/state.sqlite")
    run = state.start_run("hubspot", "sync", False)
    state.acquire("hubspot", run)
    state.db.execute("UPDATE locks SET pid = 2147483646")  # kill -9
    state.close()
    assert cli.main(["-c", str(path), "status"]) == 0
    assert "interrupted" in capsys.readouterr().out
