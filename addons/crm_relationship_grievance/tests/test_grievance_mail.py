# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import GrievanceCommon

NEW_COMPLAINT = """Return-Path: <rita@lojaazul.example.com>
To: {to}
From: Rita Azul <rita@lojaazul.example.com>
Subject: Cadeira chegou quebrada
Date: Mon, 08 Jun 2026 09:00:00 +0000
Message-ID: <complaint-1@lojaazul.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Bom dia, a cadeira do pedido 42 chegou com a perna quebrada.
"""

REPLY = """Return-Path: <rita@lojaazul.example.com>
To: {to}
From: Rita Azul <rita@lojaazul.example.com>
Subject: Re: Cadeira chegou quebrada
Date: Mon, 08 Jun 2026 15:00:00 +0000
Message-ID: <complaint-2@lojaazul.example.com>
In-Reply-To: {parent}
References: {parent}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Segue a foto da perna quebrada.
"""

STRANGER = """To: {to}
From: Someone New <new.customer@example.org>
Subject: Never received my order
Message-ID: <complaint-3@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Where is it?
"""


@tagged("post_install", "-at_install")
class TestGrievanceMailGateway(GrievanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("crm_relationship_grievance.mail_alias_grievance")
        if not cls.alias.alias_domain_id:
            cls.alias.alias_domain_id = cls.env["mail.alias.domain"].create(
                {"name": "care.example.com"}
            )
        cls.alias_email = cls.alias.alias_full_name

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_creates_grievance_and_replies_thread(self):
        Grievance = self.env["crm.relationship.grievance"]
        thread_id = self.env["mail.thread"].message_process(
            False, NEW_COMPLAINT.format(to=self.alias_email)
        )
        grievance = Grievance.browse(thread_id)
        self.assertEqual(grievance._name, "crm.relationship.grievance")
        self.assertRecordValues(
            grievance,
            [
                {
                    "name": "Cadeira chegou quebrada",
                    "partner_id": self.contact.id,
                    "commercial_partner_id": self.customer.id,
                    "user_id": self.user.id,
                    "channel_id": self.env.ref(
                        "crm_relationship_grievance.grievance_channel_email"
                    ).id,
                    "stage_id": self.stage_new.id,
                }
            ],
        )
        self.assertIn("perna quebrada", grievance.description)
        self.assertTrue(grievance.sla_deadline)
        self.assertIn(self.contact, grievance.message_partner_ids)

        # The team waits on the customer; the customer's reply resumes it
        grievance.stage_id = self.stage_waiting
        reply_to = grievance.message_ids.filtered(
            lambda m: m.message_id == "<complaint-1@lojaazul.example.com>"
        )
        self.assertTrue(reply_to)
        same_id = self.env["mail.thread"].message_process(
            False,
            REPLY.format(to=self.alias_email, parent=reply_to.message_id),
        )
        self.assertEqual(same_id, grievance.id, "the reply threads on the grievance")
        self.assertEqual(Grievance.search_count([("name", "like", "Cadeira")]), 1)
        self.assertTrue(
            grievance.message_ids.filtered(lambda m: "Segue a foto" in (m.body or ""))
        )
        self.assertEqual(grievance.stage_id, self.stage_new, "clock runs again")
        self.assertFalse(grievance.sla_paused_since)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_unknown_sender_becomes_a_contact(self):
        thread_id = self.env["mail.thread"].message_process(
            False, STRANGER.format(to=self.alias_email)
        )
        grievance = self.env["crm.relationship.grievance"].browse(thread_id)
        self.assertEqual(grievance.partner_id.email, "new.customer@example.org")
        self.assertIn("new.customer@example.org", grievance.email_from)
        self.assertFalse(grievance.user_id, "the gateway user is not responsible")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_from_another_company_contact(self):
        company_b = self.env["res.company"].create({"name": "Care Co B"})
        self.env["res.partner"].create(
            {
                "name": "Bia Branca",
                "email": "bia@branca.example.com",
                "company_id": company_b.id,
            }
        )
        mail = STRANGER.replace(
            "Someone New <new.customer@example.org>", "Bia <bia@branca.example.com>"
        ).replace("complaint-3@example.org", "complaint-b@branca.example.com")
        thread_id = self.env["mail.thread"].message_process(
            False, mail.format(to=self.alias_email)
        )
        grievance = self.env["crm.relationship.grievance"].browse(thread_id)
        self.assertEqual(grievance.partner_id.email, "bia@branca.example.com")
        self.assertEqual(grievance.company_id, company_b)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_mail_from_an_employee_address_is_no_first_response(self):
        self.user.partner_id.email = "agent@care.example.com"
        thread_id = self.env["mail.thread"].message_process(
            False, NEW_COMPLAINT.format(to=self.alias_email)
        )
        grievance = self.env["crm.relationship.grievance"].browse(thread_id)
        spoofed = REPLY.replace(
            "Rita Azul <rita@lojaazul.example.com>", "Agent <agent@care.example.com>"
        ).format(to=self.alias_email, parent="<complaint-1@lojaazul.example.com>")
        self.env["mail.thread"].message_process(False, spoofed)
        answer = grievance.message_ids.filtered(lambda m: "Segue a foto" in m.body)
        self.assertEqual(answer.author_id, self.user.partner_id, "spoofed author")
        self.assertFalse(grievance.date_first_response)
        # the employee answering in Odoo does answer
        self._post(grievance, "We are on it", self.user.partner_id)
        self.assertTrue(grievance.date_first_response)
