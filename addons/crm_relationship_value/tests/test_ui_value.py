# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestValueTour(HttpCase):
    def test_read_segment_and_priority(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Tour Customer Carla",
                "is_company": True,
                "relationship_priority_manual": "key",
                "relationship_priority_reason": "Board member",
            }
        )
        self.env["crm.relationship.partner.metrics"].create(
            {
                "partner_id": partner.id,
                "company_id": self.env.company.id,
                "order_count": 12,
                "revenue": 5400.0,
                "margin": 2100.0,
                "rfm_score": "555",
                "rfm_segment_id": self.env.ref(
                    "crm_relationship_value.rfm_segment_champions"
                ).id,
                "quadrant": "true_friend",
            }
        )
        self.assertEqual(partner.relationship_priority, "key")
        self.start_tour(
            f"/odoo/action-crm_relationship.res_partner_action_customers/{partner.id}",
            "crm_relationship_value_tour",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestRelationshipManagerTour(HttpCase):
    """A relationship manager on the demo data, with no other application
    right than being an employee."""

    def test_relationship_manager_tour(self):
        customer = self.env["res.partner"].search([("name", "=", "Brown Emporium")])
        if not customer:
            self.skipTest("needs the demo data")
        self.env["crm.relationship.partner.metrics"].sudo()._recompute(
            self.env["res.company"].search([]), full=True
        )
        self.env["crm.relationship.segment"].create(
            {
                "name": "Tour single customer",
                "domain": f"[('id', '=', {customer.id})]",
            }
        ).action_refresh()
        # what the tour reads on the screens
        self.assertRecordValues(
            customer,
            [
                {
                    "relationship_revenue": 5885.52,
                    "relationship_rfm_score": "545",
                    "relationship_quadrant": "butterfly",
                    "relationship_priority": "key",
                    "relationship_is_customer": True,
                }
            ],
        )
        self.assertEqual(customer.relationship_rfm_segment_id.name, "Champions")
        self.assertTrue(customer.consent_ids)
        new_test_user(
            self.env,
            login="crm_rel_tour_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        self.start_tour(
            "/odoo", "crm_relationship_manager_tour", login="crm_rel_tour_manager"
        )
