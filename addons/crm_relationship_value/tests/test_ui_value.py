# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


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
