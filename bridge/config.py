"""Typed configuration: one TOML file plus environment variables for secrets."""

from __future__ import annotations

import ast
import codecs
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bridge.errors import ConfigError
from bridge.odoo_client import Endpoint, RpcClient
from bridge.retry import RetryPolicy
from bridge.state import is_postgres_url

ENV_PREFIX = "CRM_BRIDGE_"
SECRET_ENV = "CRM_BRIDGE_ODOO_SECRET"
SOURCE_URL_ENV = "CRM_BRIDGE_SOURCE_URL"  # a database URL may hold a password
SOURCE_SECRET_ENV = "CRM_BRIDGE_SOURCE_SECRET"  # kind = "odoo"
STATE_URL_ENV = "CRM_BRIDGE_STATE_URL"  # a PostgreSQL URL may hold a password
PRESETS = ("hubspot", "salesforce", "zoho", "mapping")
POLICIES = ("source_wins", "odoo_wins", "newest_wins")


@dataclass
class OdooSection:
    url: str = ""
    database: str = ""
    login: str = ""
    timeout: float = 120.0
    retries: int = 5
    secret: str = field(default="", repr=False)  # from the environment only

    def endpoint(self) -> Endpoint:
        return Endpoint(self.url, self.database, self.login, self.secret, self.timeout)

    def client(self) -> RpcClient:
        return RpcClient(self.endpoint(), RetryPolicy(attempts=self.retries))


@dataclass
class SourceSection:
    name: str = ""
    kind: str = "files"
    preset: str = "hubspot"
    mapping_file: str = ""
    default_region: str = "US"
    encoding: str = "utf-8"  # of CSV and JSON export files
    files: dict[str, str] = field(default_factory=dict)
    url: str = field(default="", repr=False)  # SQLAlchemy URL, or the source Odoo's
    tables: dict[str, str] = field(default_factory=dict)
    database: str = ""  # kind = "odoo": the source database and login
    login: str = ""
    domain: str = "[]"  # kind = "odoo": which partners, e.g. "[('active', '=', True)]"
    secret: str = field(default="", repr=False)  # from the environment only


@dataclass
class SyncSection:
    batch_size: int = 500
    conflict_policy: str = "source_wins"
    odoo_owned_fields: list[str] = field(default_factory=list)
    create_method: str = "create"
    workers: int = 2


@dataclass
class StateSection:
    path: str = ".crm-bridge/state.sqlite"
    url: str = ""  # a PostgreSQL URL instead of the SQLite file

    def location(self, config: Config) -> str | Path:
        return self.url or config.resolve(self.path)


@dataclass
class ReportSection:
    directory: str = ".crm-bridge/reports"


@dataclass
class Config:
    odoo: OdooSection = field(default_factory=OdooSection)
    source: SourceSection = field(default_factory=SourceSection)
    sync: SyncSection = field(default_factory=SyncSection)
    state: StateSection = field(default_factory=StateSection)
    report: ReportSection = field(default_factory=ReportSection)
    base_dir: Path = field(default=Path("."), repr=False)

    def resolve(self, path: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        candidate = Path(path).expanduser()
        return candidate if candidate.is_absolute() else self.base_dir / candidate


SECTIONS = {
    "odoo": OdooSection,
    "source": SourceSection,
    "sync": SyncSection,
    "state": StateSection,
    "report": ReportSection,
}
TYPES = {float: (int, float), int: (int,), str: (str,), bool: (bool,)}


def _check_type(key: str, value: Any, annotation: str) -> Any:
    if annotation.startswith("dict"):
        if not isinstance(value, dict) or not all(
            isinstance(v, str) for v in value.values()
        ):
            raise ConfigError(f"{key}: expected a table of strings")
        return dict(value)
    if annotation.startswith("list"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key}: expected a list of strings")
        return list(value)
    kind = {"float": float, "int": int, "str": str, "bool": bool}[annotation]
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{key}: expected {kind.__name__}, got a boolean")
    if not isinstance(value, TYPES[kind]):
        raise ConfigError(f"{key}: expected {kind.__name__}, got {value!r}")
    return kind(value)


def _section(name: str, raw: Any):
    cls = SECTIONS[name]
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: expected a table")
    known = {f.name: f for f in fields(cls)}
    values = {}
    for key, value in raw.items():
        if key == "secret" and name in ("odoo", "source"):
            raise ConfigError(
                f"{name}.secret must not be written in the config file; set "
                f"{SECRET_ENV if name == 'odoo' else SOURCE_SECRET_ENV}"
            )
        if key not in known:
            raise ConfigError(f"{name}.{key}: unknown key (known: {', '.join(known)})")
        values[key] = _check_type(f"{name}.{key}", value, str(known[key].type))
    return cls(**values)


def parse_domain(text: str) -> list:
    """An Odoo domain written as a Python literal list of tuples."""
    try:
        domain = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        domain = None
    if not isinstance(domain, list) or not all(
        isinstance(term, str | tuple | list) for term in domain
    ):
        raise ConfigError(f"source.domain: not an Odoo domain: {text!r}")
    return domain


def validate(config: Config) -> Config:
    odoo, src, sync = config.odoo, config.source, config.sync
    for key in ("url", "database", "login"):
        if not getattr(odoo, key):
            env = f"{ENV_PREFIX}ODOO_{'DB' if key == 'database' else key.upper()}"
            raise ConfigError(f"odoo.{key}: missing (set it in the file or {env})")
    if not odoo.url.startswith(("http://", "https://")):
        raise ConfigError(
            f"odoo.url: must start with http:// or https://, got {odoo.url!r}"
        )
    if odoo.timeout <= 0:
        raise ConfigError("odoo.timeout: must be greater than 0")
    if not 1 <= odoo.retries <= 20:
        raise ConfigError("odoo.retries: must be between 1 and 20")
    if not src.name or not src.name.replace("_", "").isalnum():
        raise ConfigError("source.name: required, letters, digits and _ only")
    if src.kind not in ("files", "sql", "odoo"):
        raise ConfigError(f"source.kind: must be files, sql or odoo, got {src.kind!r}")
    if src.kind == "odoo":
        for key in ("url", "database", "login"):
            if not getattr(src, key):
                raise ConfigError(f"source.{key}: required for kind = 'odoo'")
        parse_domain(src.domain)
    try:
        codecs.lookup(src.encoding)
    except LookupError:
        raise ConfigError(
            f"source.encoding: unknown encoding {src.encoding!r}"
        ) from None
    if src.preset not in PRESETS:
        raise ConfigError(f"source.preset: must be one of {', '.join(PRESETS)}")
    if src.preset == "mapping" and not src.mapping_file:
        raise ConfigError(
            "source.mapping_file: required when source.preset = 'mapping'"
        )
    if src.kind == "files" and not src.files:
        raise ConfigError("source.files: name at least one entity file")
    if src.kind == "sql":
        if not src.url:
            raise ConfigError(
                f"source.url: required for kind = 'sql' (or {SOURCE_URL_ENV})"
            )
        if not src.tables:
            raise ConfigError("source.tables: name at least one entity table")
        if src.preset != "mapping":
            raise ConfigError("source.preset: must be 'mapping' for kind = 'sql'")
    if not 1 <= sync.batch_size <= 10000:
        raise ConfigError("sync.batch_size: must be between 1 and 10000")
    if not 1 <= sync.workers <= 16:
        raise ConfigError("sync.workers: must be between 1 and 16")
    if sync.create_method not in ("load", "create"):
        raise ConfigError("sync.create_method: must be 'load' or 'create'")
    if sync.conflict_policy not in POLICIES:
        raise ConfigError(f"sync.conflict_policy: must be one of {', '.join(POLICIES)}")
    if config.state.url and not is_postgres_url(config.state.url):
        raise ConfigError(
            "state.url: must be a postgresql:// URL (or leave it empty for the "
            "SQLite file of state.path)"
        )
    return config


def load(
    path: Path, environ: dict[str, str] | None = None, check_secret=True
) -> Config:
    env = os.environ if environ is None else environ
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"config file {path} not found (create one with crm-bridge init)"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(raw) - set(SECTIONS)
    if unknown:
        raise ConfigError(
            f"{sorted(unknown)[0]}: unknown section (known: {', '.join(SECTIONS)})"
        )
    parts = {name: _section(name, raw.get(name, {})) for name in SECTIONS}
    config = Config(**parts, base_dir=Path(path).resolve().parent)
    odoo = config.odoo
    odoo.url = env.get(f"{ENV_PREFIX}ODOO_URL", odoo.url)
    odoo.database = env.get(f"{ENV_PREFIX}ODOO_DB", odoo.database)
    odoo.login = env.get(f"{ENV_PREFIX}ODOO_LOGIN", odoo.login)
    odoo.secret = env.get(SECRET_ENV, "")
    config.source.url = env.get(SOURCE_URL_ENV, config.source.url)
    config.source.secret = env.get(SOURCE_SECRET_ENV, "")
    config.state.url = env.get(STATE_URL_ENV, config.state.url)
    validate(config)
    if config.source.kind == "odoo" and not config.source.secret:
        raise ConfigError(f"{SOURCE_SECRET_ENV}: not set (the source Odoo's key)")
    if check_secret and not odoo.secret:
        raise ConfigError(f"{SECRET_ENV}: not set (the Odoo API key or password)")
    return config


TEMPLATE = """\
# crm-bridge configuration. Secrets never go here: set the Odoo API key (or
# password) in the environment variable CRM_BRIDGE_ODOO_SECRET.
# CRM_BRIDGE_ODOO_URL, CRM_BRIDGE_ODOO_DB and CRM_BRIDGE_ODOO_LOGIN override
# the values below.

[odoo]
url = "http://127.0.0.1:8069"   # http(s)://host[:port] of the Odoo server
database = "odoo"               # database name
login = "crm-bridge"            # a user with Contact Creation + CRM Relationship / User
timeout = 120                   # seconds allowed for one RPC call
retries = 5                     # attempts on timeouts, 5xx, lock/serialization errors

[source]
name = "hubspot"                # short id used in external ids <name>_<entity>_<pk>
kind = "files"                  # export files (CSV, XLSX, or Salesforce JSON)
preset = "hubspot"              # hubspot | salesforce | zoho | mapping
mapping_file = ""               # TOML column mapping, required when preset = "mapping"
default_region = "US"           # country assumed for phone numbers without +prefix
encoding = "utf-8"              # of CSV/JSON files; "cp1252" for old Latin-1 exports

[source.files]                  # entity = file, relative to this config file
contacts = "contacts.csv"
# companies = "companies.csv"
# tickets = "tickets.csv"        # -> grievances, when that model is installed
# interactions = "activities.csv"  # calls, emails, meetings, notes -> chatter,
#                                  # or planned activities when in the future

# A SQL database instead (kind = "sql", preset = "mapping"): the URL, which may
# hold a password, is better set in CRM_BRIDGE_SOURCE_URL. An entity with a
# cursor column in the mapping file is read incrementally.
# url = "postgresql+psycopg2://crm@db/crm"
# [source.tables]
# contacts = "crm_contacts"
# Another Odoo instead (kind = "odoo"): url = "https://old.example.com",
# database = "old", login = "sync"; its key in CRM_BRIDGE_SOURCE_SECRET.

[sync]
batch_size = 500                # records per create/write call
conflict_policy = "source_wins" # source_wins | odoo_wins | newest_wins
odoo_owned_fields = []          # fields the bridge never overwrites, e.g. ["phone"]
workers = 2                     # batches sent at once, each on its own connection
create_method = "create"        # create: multi-record create, then external ids
                                # (needs Settings rights, else load is used);
                                # load: both in one transaction, about half as fast

[state]
path = ".crm-bridge/state.sqlite"  # runs, watermarks, hashes, rejects, lock
# Or a PostgreSQL database shared by the machines that run the bridge (tables
# in the schema crm_bridge, lock as an advisory lock); the URL, which may hold
# a password, is better set in CRM_BRIDGE_STATE_URL.
# url = "postgresql://crm_bridge@db/crm_bridge"

[report]
directory = ".crm-bridge/reports"  # one HTML report per run
"""
