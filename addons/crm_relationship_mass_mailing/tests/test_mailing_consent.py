# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, new_test_user, tagged, users
from odoo.tools import mute_logger

from odoo.addons.mass_mailing.tests.common import MassMailCommon


@tagged("post_install", "-at_install")
class TestMailingConsent(MassMailCommon):
    """A mailing on contacts reaches only those who consent to email."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="seg_marketer",
            groups="base.group_user,mass_mailing.group_mass_mailing_user,"
            "crm_relationship.group_crm_relationship_user",
        )
        Partner = cls.env["res.partner"]
        cls.granted, cls.withdrawn, cls.silent = Partner.create(
            [
                {"name": name, "email": f"{name.lower()}@consent.example.com"}
                for name in ("Granted", "Withdrawn", "Silent")
            ]
        )
        cls.env["crm.relationship.consent"].create(
            [
                {
                    "partner_id": partner.id,
                    "channel": "email",
                    "state": state,
                    "date": date,
                    "source": "web_form",
                }
                for partner, state, date in (
                    (cls.granted, "granted", "2026-01-05"),
                    (cls.withdrawn, "granted", "2026-01-05"),
                    (cls.withdrawn, "withdrawn", "2026-02-01"),
                )
            ]
        )
        cls.members = cls.granted | cls.withdrawn | cls.silent
        cls.segment = cls.env["crm.relationship.segment"].create(
            {"name": "Consent check", "domain": repr([("id", "in", cls.members.ids)])}
        )
        cls.segment.action_refresh()

    @users("seg_marketer")
    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_segment_mailing_skips_contacts_without_consent(self):
        segment = self.segment.with_user(self.env.user)
        self.assertEqual(segment.member_count, 3)
        self.assertEqual(segment.mailing_count, 1)
        action = segment.action_new_mailing()
        form = Form(self.env["mailing.mailing"].with_context(**action["context"]))
        form.body_arch = "<p>Our spring offer</p>"
        mailing = form.save()
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.subject, "Consent check")
        self.assertEqual(set(mailing._get_recipients()), set(self.members.ids))
        with self.mock_mail_gateway(mail_unlink_sent=False):
            mailing.action_send_mail()
        self.assertMailTraces(
            [
                {"partner": self.granted, "email": "granted@consent.example.com"},
                {
                    "partner": self.withdrawn,
                    "email": "withdrawn@consent.example.com",
                    "trace_status": "cancel",
                    "failure_type": "mail_optout",
                },
                {
                    "partner": self.silent,
                    "email": "silent@consent.example.com",
                    "trace_status": "cancel",
                    "failure_type": "mail_optout",
                },
            ],
            mailing,
            self.members,
            check_mail=True,
        )
        self.assertEqual(mailing.canceled, 2)

    def test_a_new_statement_changes_the_next_mailing(self):
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "Any rule",
                "body_html": "<p>Hello</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "in", self.members.ids)]),
            }
        )
        self.assertEqual(
            mailing._get_opt_out_list(),
            {"withdrawn@consent.example.com", "silent@consent.example.com"},
        )
        self.env["crm.relationship.consent"].create(
            {
                "partner_id": self.silent.id,
                "channel": "email",
                "state": "granted",
                "source": "web_form",
            }
        )
        self.assertEqual(mailing._get_opt_out_list(), {"withdrawn@consent.example.com"})
