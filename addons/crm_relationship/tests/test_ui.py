# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRelationshipTour(HttpCase):
    def test_fill_relationship_page(self):
        partner = self.env["res.partner"].create({"name": "Tour Customer Beatriz"})
        self.start_tour(
            f"/odoo/action-crm_relationship.res_partner_action_customers/{partner.id}",
            "crm_relationship_profile_tour",
            login="admin",
        )
        self.assertEqual(partner.education_level, "bachelor")
        self.assertEqual(partner.marital_status, "single")
        self.assertEqual(partner.preferred_channel, "email")
        self.assertTrue(partner.relationship_birthdate)
        self.assertTrue(partner.consent_email)
        self.assertEqual(partner.consent_ids.source, "web_form")
