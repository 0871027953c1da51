# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGrievancePortalTour(HttpCase):
    def test_portal_user_submits_and_sees_grievance(self):
        company = self.env["res.partner"].create(
            {"name": "Tour Loja Amarela", "is_company": True}
        )
        portal = new_test_user(
            self.env,
            login="grv_tour_portal",
            password="grv_tour_portal",
            groups="base.group_portal",
            name="Tour Paula Amarela",
        )
        portal.partner_id.parent_id = company
        self.start_tour(
            "/my/grievances",
            "crm_relationship_grievance_portal_tour",
            login="grv_tour_portal",
        )
        grievance = self.env["crm.relationship.grievance"].search(
            [("name", "=", "Tour: the box was empty")]
        )
        self.assertEqual(len(grievance), 1)
        self.assertEqual(grievance.partner_id, portal.partner_id)
        self.assertEqual(grievance.commercial_partner_id, company)
        self.assertEqual(
            grievance.category_id,
            self.env.ref("crm_relationship.grievance_category_delivery_late"),
        )
