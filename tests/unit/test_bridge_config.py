import pytest

from bridge import config as cfg
from bridge.errors import ConfigError

ENV = {"CRM_BRIDGE_ODOO_SECRET": "s3cret"}


def write(tmp_path, text):
    path = tmp_path / "bridge.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_template_loads_and_env_overrides(tmp_path):
    path = write(tmp_path, cfg.TEMPLATE)
    env = {**ENV, "CRM_BRIDGE_ODOO_DB": "prod"}
    config = cfg.load(path, env)
    assert config.odoo.database == "prod"
    assert config.odoo.secret == "s3cret"
    assert config.source.files == {"contacts": "contacts.csv"}
    assert config.resolve("contacts.csv") == tmp_path / "contacts.csv"
    assert "s3cret" not in repr(config)


def test_state_is_sqlite_unless_a_postgresql_url_is_given(tmp_path):
    path = write(tmp_path, cfg.TEMPLATE)
    config = cfg.load(path, ENV)
    assert config.state.location(config) == tmp_path / ".crm-bridge/state.sqlite"
    url = "postgresql://bridge:pw@db/state"
    config = cfg.load(path, {**ENV, "CRM_BRIDGE_STATE_URL": url})
    assert config.state.location(config) == url


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("batch_size = 500", "batch_size = 'many'", "sync.batch_size: expected int"),
        ("timeout = 120", "timeout = 120\nbogus = 1", "odoo.bogus: unknown key"),
        ('preset = "hubspot"', 'preset = "pipedrive"', "source.preset: must be one of"),
        ('url = "http://127.0.0.1:8069"', 'url = "ftp://x"', "odoo.url: must start"),
        ("timeout = 120", 'timeout = 120\nsecret = "x"', "odoo.secret must not"),
        ('"source_wins"', '"loudest_wins"', "sync.conflict_policy"),
        ('# url = "postgresql://', 'url = "mysql://x/y"\n# x = "', "state.url: must"),
    ],
)
def test_bad_values_name_the_key(tmp_path, old, new, message):
    path = write(tmp_path, cfg.TEMPLATE.replace(old, new, 1))
    with pytest.raises(ConfigError, match=message):
        cfg.load(path, ENV)


def test_missing_secret_named(tmp_path):
    with pytest.raises(ConfigError, match="CRM_BRIDGE_ODOO_SECRET"):
        cfg.load(write(tmp_path, cfg.TEMPLATE), {})


def test_unknown_section_and_bad_toml(tmp_path):
    with pytest.raises(ConfigError, match="extra: unknown section"):
        cfg.load(write(tmp_path, cfg.TEMPLATE + "\n[extra]\n"), ENV)
    with pytest.raises(ConfigError, match="not valid TOML"):
        cfg.load(write(tmp_path, "[odoo"), ENV)
    with pytest.raises(ConfigError, match="not found"):
        cfg.load(tmp_path / "none.toml", ENV)


def test_odoo_source_needs_its_settings_and_a_valid_domain(tmp_path):
    text = cfg.TEMPLATE.replace('kind = "files"', 'kind = "odoo"')
    with pytest.raises(ConfigError, match=r"source\.url: required for kind = 'odoo'"):
        cfg.load(write(tmp_path, text), ENV)
    text = text.replace(
        'default_region = "US"',
        'default_region = "US"\nurl = "http://old:8069"\ndatabase = "old"\n'
        "login = \"sync\"\ndomain = \"[('customer_rank', '>', 0)]\"",
    )
    with pytest.raises(ConfigError, match="CRM_BRIDGE_SOURCE_SECRET"):
        cfg.load(write(tmp_path, text), ENV)
    config = cfg.load(write(tmp_path, text), {**ENV, "CRM_BRIDGE_SOURCE_SECRET": "k"})
    assert cfg.parse_domain(config.source.domain) == [("customer_rank", ">", 0)]
    bad = text.replace('domain = "[(', 'domain = "customer_rank > 0 [(')
    with pytest.raises(ConfigError, match=r"source\.domain: not an Odoo domain"):
        cfg.load(write(tmp_path, bad), {**ENV, "CRM_BRIDGE_SOURCE_SECRET": "k"})
