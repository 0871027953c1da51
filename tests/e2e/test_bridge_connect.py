from bridge.odoo_client import model_exists, module_installed


def test_connects_and_reads_version(admin_client):
    assert admin_client.uid
    assert admin_client.server_version.startswith("18.0")


def test_sees_crm_relationship_installed(admin_client):
    assert module_installed(admin_client, "crm_relationship")
    assert model_exists(admin_client, "res.partner")
    assert not model_exists(admin_client, "crm.bridge.no.such.model")
