"""Run benchmark scripts inside ``odoo shell`` on a throwaway database.

A benchmark's script prints ``BENCH key: value`` lines; they are echoed as
comments and returned, so the caller prints its own ``key: value`` figures.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

INSTALL = ["-i", "crm_relationship", "--without-demo=all", "--stop-after-init"]


def in_folder(keep: Path | None, prefix: str, run: Callable[[Path], int]) -> int:
    """``run(folder)`` in ``keep`` (kept for another run) or a temporary one."""
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        return run(keep)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        return run(Path(tmp))


def run_scripts(
    folder: Path,
    db: str,
    params: dict,
    steps: list[tuple[str, str]],
    install: str = "crm_relationship",
) -> dict[str, str]:
    """Install the add-on(s) ``install`` in ``db`` of a cluster in ``folder``,
    then run each ``(label, script)`` with ``PARAMS`` bound; return the BENCH
    figures."""
    from scripts.harness.odoo import Odoo, find_odoo
    from scripts.harness.pg import Cluster, free_port

    header = f"PARAMS = {json.dumps(params)}\n"
    figures: dict[str, str] = {}
    folder.chmod(0o711)  # PostgreSQL runs as the postgres user
    with Cluster(folder / "pg", free_port()) as cluster:
        odoo = Odoo(find_odoo(), cluster, folder / "data")
        print(f"# installing {install} (about a minute)", flush=True)
        args = [install if arg == "crm_relationship" else arg for arg in INSTALL]
        code, _out = odoo.run(db, *args, log=folder / "install.log")
        if code:
            sys.exit(f"install failed, see {folder / 'install.log'}")
        for label, script in steps:
            print(f"# {label}", flush=True)
            log = folder / f"{label.split()[0]}.log"
            code, out = odoo.shell(db, header + script, log=log)
            for key, value in re.findall(r"^BENCH (\w+): (.*)$", out, re.MULTILINE):
                print(f"# {key}: {value}", flush=True)
                figures[key] = value
            if code or "Traceback" in out:
                sys.exit(f"{label} failed, see {log}")
    return figures
