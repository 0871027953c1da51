"""Helpers for the bridge end-to-end tests: configs and sample export files."""

from __future__ import annotations

from pathlib import Path

from bridge import samples
from bridge.config import Config, OdooSection, SourceSection, StateSection, SyncSection
from bridge.odoo_client import Endpoint, RpcClient
from bridge.state import StateStore
from bridge.sync import Sync


def make_config(tmp_path: Path, endpoint: Endpoint, name: str, preset: str,
                files: dict[str, Path], **sync) -> Config:  # fmt: skip
    return Config(
        odoo=OdooSection(
            endpoint.url, endpoint.database, endpoint.login, secret=endpoint.secret
        ),
        source=SourceSection(
            name=name, preset=preset, files={k: str(v) for k, v in files.items()}
        ),
        sync=SyncSection(**sync),
        state=StateSection(path=str(tmp_path / "state.sqlite")),
        base_dir=tmp_path,
    )


def hubspot_files(folder: Path, olist_limit: int = 20) -> dict[str, Path]:
    return {
        "companies": samples.write_csv(folder / "companies.csv",
            samples.HUBSPOT_COMPANY_HEADER, samples.hubspot_company_rows()),
        "contacts": samples.write_csv(folder / "contacts.csv",
            samples.HUBSPOT_CONTACT_HEADER, samples.hubspot_contact_rows(olist_limit)),
    }  # fmt: skip


def run(config: Config, client: RpcClient | None = None, **kwargs):
    client = client or RpcClient(config.odoo.endpoint())
    state = StateStore(config.state.location(config))
    try:
        return Sync(config, client, state, **kwargs).run()
    finally:
        state.close()


def partner_by_key(client, key: str) -> dict | None:
    rows = client.execute(
        "ir.model.data", "search_read",
        [[("module", "=", "crm_bridge"), ("name", "=", key)]], {"fields": ["res_id"]},
    )  # fmt: skip
    if not rows:
        return None
    fields = ["name", "email", "phone", "parent_id", "is_company", "country_id",
              "state_id", "city", "category_id"]  # fmt: skip
    return client.execute("res.partner", "read", [[rows[0]["res_id"]]],
                          {"fields": fields})[0]  # fmt: skip


def tag_names(client, partner: dict) -> set[str]:
    rows = client.execute(
        "res.partner.category", "read", [partner["category_id"]], {"fields": ["name"]}
    )
    return {row["name"] for row in rows}
