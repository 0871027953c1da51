"""Build the configured source."""

from __future__ import annotations

from bridge.config import Config, parse_domain
from bridge.sources.base import Source
from bridge.sources.files import ExportFileSource
from bridge.sources.presets import PRESETS, load_mapping


def build_source(config: Config, watermarks: dict[str, str | None]) -> Source:
    src = config.source
    if src.kind == "odoo":
        from bridge.odoo_client import Endpoint, RpcClient
        from bridge.sources.odoo import OdooSource

        endpoint = Endpoint(src.url, src.database, src.login, src.secret)
        domain = parse_domain(src.domain)
        return OdooSource(src.name, RpcClient(endpoint), domain, watermarks)
    if src.preset == "mapping":
        layout = load_mapping(config.resolve(src.mapping_file))
    else:
        layout = PRESETS[src.preset]
    if src.kind == "sql":
        from bridge.sources.sql import SqlSource

        return SqlSource(src.name, src.url, src.tables, layout, watermarks)
    files = {entity: config.resolve(path) for entity, path in src.files.items()}
    return ExportFileSource(src.name, files, layout, src.encoding)
