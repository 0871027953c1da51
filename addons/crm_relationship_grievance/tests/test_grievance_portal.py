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
        self.assertTrue(
            response.url.endswith(f"/my/grievances/{created.id}?submitted=1")
        )
        self.assertIn("o_grievance_confirmation", response.text)
        # B cannot open it
        self.authenticate("grv_portal_b", "grv_portal_b")
        stolen = self.url_open(f"/my/grievances/{created.id}")
        self.assertNotIn("Late again", stolen.text)

    def _submit(self, name, files=None, **data):
        return self.url_open(
            "/my/grievances/new",
            data={
                "name": name,
                "description": "See the files",
                "csrf_token": Request.csrf_token(self),
                **data,
            },
            files=files,
        )

    def test_portal_files_are_checked_and_attached_to_the_new_grievance_only(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        Grievance = self.env["crm.relationship.grievance"]
        Attachment = self.env["ir.attachment"]
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
        # a program renamed as a picture is refused
        response = self._submit(
            "Disguised",
            files=[("attachments", ("photo.png", b"MZ\x90\0", "image/png"))],
        )
        self.assertIn("is not a picture, a PDF or a text file", response.text)
        self.assertFalse(Grievance.search([("name", "=", "Disguised")]))
        # too many files
        response = self._submit(
            "Too many",
            files=[("attachments", (f"p{i}.png", png, "image/png")) for i in range(6)],
        )
        self.assertIn("at most 5 files", response.text)
        self.assertFalse(Grievance.search([("name", "=", "Too many")]))
        # good files land on the new grievance, with a token for the page
        on_grievances = [("res_model", "=", Grievance._name)]
        before = Attachment.search(on_grievances).ids
        response = self._submit(
            "With photos",
            files=[
                ("attachments", ("dent.png", png, "image/png")),
                ("attachments", ("note.txt", b"Dented on arrival", "text/plain")),
            ],
            res_id=str(self.grievance_b.id),
        )
        created = Grievance.search([("name", "=", "With photos")])
        new = Attachment.search([*on_grievances, ("id", "not in", before)])
        self.assertEqual(set(new.mapped("name")), {"dent.png", "note.txt"})
        self.assertEqual(set(new.mapped("res_id")), {created.id})
        self.assertEqual(set(new.mapped("res_model")), {created._name})
        self.assertTrue(all(new.mapped("access_token")))
        self.assertIn("note.txt", response.text)

    def test_portal_product_must_be_one_offered(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        Grievance = self.env["crm.relationship.grievance"]
        hidden = self.env["product.product"].create(
            {"name": "Not for sale", "sale_ok": False}
        )
        response = self._submit("Hidden product", product_id=str(hidden.id))
        self.assertIn("Unknown product", response.text)
        self.assertFalse(Grievance.search([("name", "=", "Hidden product")]))
        chair = self.env["product.product"].create(
            {"name": "Portal Green Chair", "sale_ok": True}
        )
        form = self.url_open("/my/grievances/new")
        self.assertIn("Portal Green Chair", form.text)
        self.assertNotIn("Not for sale", form.text)
        self._submit("Wobbly chair", product_id=str(chair.id))
        created = Grievance.search([("name", "=", "Wobbly chair")])
        self.assertEqual(created.product_ids, chair)
