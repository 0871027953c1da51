# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """With demo data, compute the customers' values once at install, which
    also applies the priority rules and refreshes the segments: the demo
    opens on figures, not on screens waiting for the scheduled actions."""
    module = env["ir.module.module"].search([("name", "=", "crm_relationship_value")])
    if module.demo:
        env["crm.relationship.partner.metrics"]._cron_recompute(full=True)
