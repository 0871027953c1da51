# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import tagged

from .common import GrievancePortalCommon


@tagged("post_install", "-at_install")
class TestGrievancePortal(GrievancePortalCommon):
    def test_record_rule_isolates_customers(self):
        Grievance = self.env["crm.relationship.grievance"]
        seen_by_a = Grievance.with_user(self.portal_a).search([])
        self.assertEqual(
            seen_by_a, self.grievance_a, "a colleague's grievance, not B's"
        )
        with self.assertRaises(AccessError):
            self.grievance_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.grievance_a.with_user(self.portal_a).write({"name": "changed"})

    def test_portal_list_and_detail(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        listing = self.url_open("/my/grievances")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Verde: missing screws", listing.text)
        self.assertNotIn("Roxo: wrong size", listing.text)
        detail = self.url_open(f"/my/grievances/{self.grievance_a.id}")
        self.assertIn("Verde: missing screws", detail.text)
        stolen = self.url_open(f"/my/grievances/{self.grievance_b.id}")
        self.assertNotIn("Roxo: wrong size", stolen.text)
        self.assertTrue(stolen.url.endswith("/my"), stolen.url)
        home = self.url_open("/my/home")
        self.assertIn("/my/grievances", home.text)

    def test_portal_submission_is_validated(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        form = self.url_open("/my/grievances/new")
        self.assertEqual(form.status_code, 200)
        Grievance = self.env["crm.relationship.grievance"]
        before = Grievance.search_count([])
        # A made-up category is refused
        response = self.url_open(
            "/my/grievances/new",
            data={
                "name": "Sneaky",
                "description": "Attach me to a made-up category",
                "category_id": "999999",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Unknown category", response.text)
        self.assertEqual(Grievance.search_count([]), before)
        # A valid submission: the contact is the user, whatever the post says
        category = self.env.ref(
            "crm_relationship_grievance.grievance_category_delivery_late"
        )
        response = self.url_open(
            "/my/grievances/new",
            data={
                "name": "Late again",
                "description": "<script>alert(1)</script> three weeks late",
                "category_id": str(category.id),
                "partner_id": str(self.portal_b.partner_id.id),
                "csrf_token": Request.csrf_token(self),
            },
        )
        created = Grievance.search([("name", "=", "Late again")])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.partner_id, self.portal_a.partner_id)
        self.assertEqual(created.commercial_partner_id, self.company_a)
        self.assertEqual(created.category_id, category)
        self.assertEqual(
            created.channel_id,
            self.env.ref("crm_relationship_grievance.grievance_channel_web"),
        )
        self.assertNotIn("<script>", created.description)
        self.assertTrue(response.url.endswith(f"/my/grievances/{created.id}"))
        # B cannot open it
        self.authenticate("grv_portal_b", "grv_portal_b")
        stolen = self.url_open(f"/my/grievances/{created.id}")
        self.assertNotIn("Late again", stolen.text)
