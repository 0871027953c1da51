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


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("batch_size = 500", "batch_size = 'many'", "sync.batch_size: expected int"),
        ("timeout = 120", "timeout = 120\nbogus = 1", "odoo.bogus: unknown key"),
        ('preset = "hubspot"', 'preset = "pipedrive"', "source.preset: must be one of"),
        ('url = "http://127.0.0.1:8069"', 'url = "ftp://x"', "odoo.url: must start"),
        ("timeout = 120", 'timeout = 120\nsecret = "x"', "odoo.secret must not"),
        ('"source_wins"', '"loudest_wins"', "sync.conflict_policy"),
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
