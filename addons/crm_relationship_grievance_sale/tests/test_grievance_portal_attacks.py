# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import contextlib
from unittest.mock import patch

from odoo.fields import Command
from odoo.http import Request
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_relationship_grievance.tests.common import GrievancePortalCommon

PORTAL = "odoo.addons.crm_relationship_grievance.controllers.portal"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@tagged("post_install", "-at_install")
class TestGrievancePortalAttacks(GrievancePortalCommon):
    """The portal grievance form and the portal's upload route posted by
    hand, with the ids of other customers and companies, markup and files
    that are not what they claim."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Grievance Co B"})
        cls.foreign_product = cls.env["product.product"].create(
            {"name": "Other Company Sofa", "company_id": cls.other_company.id}
        )
        cls.chair = cls.env["product.product"].create({"name": "Bought Chair"})
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.company_a.id,
                "order_line": [Command.create({"product_id": cls.chair.id})],
            }
        )
        cls.order_a.action_confirm()
        cls.Grievance = cls.env["crm.relationship.grievance"]

    def _submit(self, files=None, **data):
        values = {
            "name": "Attack",
            "description": "Posted by hand",
            "csrf_token": Request.csrf_token(self),
        }
        values.update(data)
        return self.url_open("/my/grievances/new", data=values, files=files)

    def _count(self):
        return (
            self.Grievance.search_count([]),
            self.env["ir.attachment"].search_count(
                [("res_model", "=", self.Grievance._name)]
            ),
        )

    def test_foreign_ids_are_refused_and_nothing_is_created(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        archived = self.env["crm.relationship.grievance.category"].create(
            {"name": "Retired category", "active": False}
        )
        before = self._count()
        for data, message in (
            ({"product_id": str(self.foreign_product.id)}, "Unknown product"),
            ({"product_id": "1 OR 1=1"}, "Unknown product"),
            ({"sale_order_id": "-1"}, "Unknown order"),
            ({"category_id": str(archived.id)}, "Unknown category"),
            ({"name": "  "}, "Give your grievance a subject"),
            ({"description": ""}, "Describe what happened"),
        ):
            with self.subTest(data=data):
                response = self._submit(
                    files=[("attachments", ("dent.png", PNG, "image/png"))], **data
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertEqual(self._count(), before, "nothing half-created")
        form = self.url_open("/my/grievances/new")
        self.assertNotIn("Other Company Sofa", form.text)
        self.assertNotIn("Retired category", form.text)

    def test_oversized_and_forged_files(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        before = self._count()
        for name, content in (
            ("big.png", PNG + b"\0" * 4096),
            ("page.html", b"<html><script>alert(1)</script></html>"),
            ("vector.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
            ("notes.txt", b"\xff\xfe\x00binary"),
        ):
            with (
                self.subTest(name=name),
                patch(f"{PORTAL}.ATTACHMENT_SIZE_MAX", 2048),
            ):
                response = self._submit(
                    files=[("attachments", (name, content, "image/png"))]
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(name, response.text)
                self.assertEqual(self._count(), before)

    @mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http")
    def test_body_over_the_server_limit_creates_nothing(self):
        """Odoo refuses a form body over its 10 MB limit before the form
        sees it: an error page, and nothing created."""
        self.authenticate("grv_portal_a", "grv_portal_a")
        before = self._count()
        response = self._submit(
            files=[("attachments", ("huge.png", PNG + b"\0" * (11 << 20), "image/png"))]
        )
        self.assertNotIn("submitted=1", response.url)
        self.assertEqual(self._count(), before)

    def test_markup_is_kept_as_text(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        self._submit(
            name="<script>alert('subject')</script>",
            description='<img src=x onerror="alert(1)"> broken',
        )
        created = self.Grievance.search(
            [("partner_id", "=", self.portal_a.partner_id.id)]
        )
        self.assertEqual(len(created), 1)
        self.assertNotIn("<img", created.description)
        page = self.url_open(f"/my/grievances/{created.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("<script>alert('subject')", page.text)
        self.assertNotIn('<img src=x onerror="alert(1)">', page.text)

    @mute_logger("odoo.http")
    def test_no_upload_to_another_customers_grievance(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        before = self.env["ir.attachment"].search_count(
            [
                ("res_model", "=", self.Grievance._name),
                ("res_id", "=", self.grievance_b.id),
            ]
        )
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": Request.csrf_token(self),
                "thread_id": str(self.grievance_b.id),
                "thread_model": self.Grievance._name,
            },
            files={"ufile": ("dent.png", PNG, "image/png")},
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", self.Grievance._name),
                    ("res_id", "=", self.grievance_b.id),
                ]
            ),
            before,
        )
        # nor by the chatter of B's grievance
        with contextlib.suppress(Exception):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": self.Grievance._name,
                    "thread_id": self.grievance_b.id,
                    "post_data": {"body": "Not yours", "message_type": "comment"},
                },
            )
        self.assertFalse(
            self.grievance_b.message_ids.filtered(
                lambda m: m.author_id == self.portal_a.partner_id
            )
        )

    def test_order_and_product_of_the_customer_are_accepted(self):
        self.authenticate("grv_portal_a", "grv_portal_a")
        files = [("attachments", ("dent.png", PNG, "image/png"))]
        self._submit(
            files=files,
            name="Chair broke",
            sale_order_id=str(self.order_a.id),
            product_id=str(self.chair.id),
        )
        created = self.Grievance.search([("name", "=", "Chair broke")])
        self.assertRecordValues(
            created,
            [
                {
                    "sale_order_id": self.order_a.id,
                    "partner_id": self.portal_a.partner_id.id,
                    "product_ids": self.chair.ids,
                }
            ],
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", created._name), ("res_id", "=", created.id)]
        )
        self.assertEqual(base64.b64decode(attachment.datas), PNG)
