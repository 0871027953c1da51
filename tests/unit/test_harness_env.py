"""The harness's own plumbing: a real PostgreSQL cluster, and finding Odoo."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from scripts.harness import odoo as harness_odoo
from scripts.harness.odoo import OdooNotFound, find_odoo, read_test_requirements
from scripts.harness.pg import ROLE, Cluster, PostgresError, find_server_bin, free_port


def _have_postgres() -> bool:
    try:
        find_server_bin("initdb")
    except PostgresError:
        return False
    return True


@pytest.mark.skipif(not _have_postgres(), reason="PostgreSQL server not installed")
def test_cluster_starts_serves_and_stops():
    # Not pytest's tmp_path: its parents are closed to the postgres user.
    base = Path(tempfile.mkdtemp(prefix="crm-pg-test-"))
    base.chmod(0o755)
    cluster = Cluster(base / "pg", free_port())
    with cluster:
        out = subprocess.run(
            [find_server_bin("psql"), "-h", "127.0.0.1", "-p", str(cluster.port),
             "-U", ROLE, "-d", "postgres", "-tAc",
             "SELECT current_user, current_setting('fsync')"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert out == f"{ROLE}|off"
        assert "--db_user=odoo" in cluster.odoo_args()
    assert not (base / "pg" / "postmaster.pid").exists()
    shutil.rmtree(base)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands the server over")
def test_unreachable_data_directory_is_explained(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    with pytest.raises(PostgresError, match="closed to other users"):
        Cluster(closed / "pg", free_port()).init()


def test_odoo_named_by_environment_must_exist(monkeypatch):
    monkeypatch.setenv("ODOO_BIN", "/nonexistent/odoo-bin")
    with pytest.raises(OdooNotFound, match="ODOO_BIN"):
        find_odoo()


def test_odoo_found_on_path(monkeypatch, tmp_path):
    executable = tmp_path / "odoo"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    monkeypatch.delenv("ODOO_BIN", raising=False)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin")
    assert find_odoo() == str(executable)


def test_no_odoo_anywhere_is_reported(monkeypatch, tmp_path):
    monkeypatch.delenv("ODOO_BIN", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(OdooNotFound, match="no `odoo` executable on PATH"):
        find_odoo()


def test_test_requirements_are_read_as_import_names(tmp_path, monkeypatch):
    listed = tmp_path / "test-requirements.txt"
    listed.write_text(
        "# comment\nodoo-test-helper>=2.1  # fake models\n\nfreezegun\n"
        "some_pkg[extra] ; python_version >= '3.11'\n"
    )
    monkeypatch.setattr(harness_odoo, "TEST_REQUIREMENTS", listed)
    assert read_test_requirements() == ["odoo_test_helper", "freezegun", "some_pkg"]


def test_the_project_lists_odoo_test_helper():
    assert "odoo_test_helper" in read_test_requirements()
