# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestAssignTour(HttpCase):
    def test_assign_wizard_tour(self):
        Rule = self.env["crm.relationship.assignment.rule"]
        Rule.search([]).active = False
        industry = self.env["res.partner.industry"].create({"name": "Tour Industry"})
        admin = self.env.ref("base.user_admin")
        Rule.create(
            {
                "name": "Tour rule",
                "industry_ids": [Command.set(industry.ids)],
                "target_type": "users",
                "user_ids": [Command.set(admin.ids)],
            }
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Customer Amadeo",
                "is_company": True,
                "industry_id": industry.id,
            }
        )
        self.start_tour(
            "/odoo/action-crm_relationship_account_manager.crm_relationship_account_manager_assign_action",
            "crm_relationship_account_manager_assign_tour",
            login="admin",
        )
        self.assertEqual(customer.user_id, admin)
