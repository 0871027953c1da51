# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGrievancePortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create({"name": "Casa Verde", "is_company": True})
        cls.company_b = Partner.create({"name": "Casa Roxa", "is_company": True})
        cls.portal_a = new_test_user(
            cls.env,
            login="grv_portal_a",
            password="grv_portal_a",
            groups="base.group_portal",
            name="Ana Verde",
        )
        cls.portal_a.partner_id.parent_id = cls.company_a
        cls.portal_a2 = new_test_user(
            cls.env,
            login="grv_portal_a2",
            password="grv_portal_a2",
            groups="base.group_portal",
            name="Alice Verde",
        )
        cls.portal_a2.partner_id.parent_id = cls.company_a
        cls.portal_b = new_test_user(
            cls.env,
            login="grv_portal_b",
            password="grv_portal_b",
            groups="base.group_portal",
            name="Bruno Roxo",
        )
        cls.portal_b.partner_id.parent_id = cls.company_b
        Grievance = cls.env["crm.relationship.grievance"]
        cls.grievance_a = Grievance.create(
            {"name": "Verde: missing screws", "partner_id": cls.portal_a2.partner_id.id}
        )
        cls.grievance_b = Grievance.create(
            {"name": "Roxo: wrong size", "partner_id": cls.portal_b.partner_id.id}
        )
        product = cls.env["product.product"].create({"name": "Mesa"})
        cls.order_b = cls.env["sale.order"].create(
            {
                "partner_id": cls.company_b.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.order_b.action_confirm()

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
        self.assertNotIn(self.order_b.name, form.text, "B's orders are not offered")
        Grievance = self.env["crm.relationship.grievance"]
        before = Grievance.search_count([])
        # Another customer's order and a made-up category are refused
        response = self.url_open(
            "/my/grievances/new",
            data={
                "name": "Sneaky",
                "description": "Attach me to B's order",
                "sale_order_id": str(self.order_b.id),
                "category_id": "999999",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Unknown order", response.text)
        self.assertIn("Unknown category", response.text)
        self.assertEqual(Grievance.search_count([]), before)
        # A valid submission: the contact is the user, whatever the post says
        category = self.env.ref("crm_relationship.grievance_category_delivery_late")
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
            created.channel_id, self.env.ref("crm_relationship.grievance_channel_web")
        )
        self.assertNotIn("<script>", created.description)
        self.assertTrue(response.url.endswith(f"/my/grievances/{created.id}"))
        # B cannot open it
        self.authenticate("grv_portal_b", "grv_portal_b")
        stolen = self.url_open(f"/my/grievances/{created.id}")
        self.assertNotIn("Late again", stolen.text)
