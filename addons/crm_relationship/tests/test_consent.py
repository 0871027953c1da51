# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestConsent(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="crm_rel_consent_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.manager = new_test_user(
            cls.env,
            login="crm_rel_consent_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.employee = new_test_user(
            cls.env, login="crm_rel_consent_employee", groups="base.group_user"
        )
        cls.partner = cls.env["res.partner"].create({"name": "Ana Lima"})

    def _record(self, channel, state, date, user=None, reason=None):
        """A statement recorded now by a manager unless told otherwise; one
        dated in the past comes with a reason unless told otherwise."""
        env = self.env(user=user or self.manager)
        vals = {
            "partner_id": self.partner.id,
            "channel": channel,
            "state": state,
            "date": date,
            "source": "web_form",
        }
        backdated = fields.Datetime.to_datetime(date) < fields.Datetime.now()
        if reason is not None or backdated:
            vals["date_reason"] = (
                "Paper form entered late" if reason is None else reason
            )
        return env["crm.relationship.consent"].create(vals)

    def test_statement_dated_in_the_future_refused(self):
        later = fields.Datetime.now() + timedelta(hours=1)
        for user in (self.user, self.manager):
            with self.assertRaises(ValidationError):
                self._record("email", "granted", "2099-01-01 00:00:00", user=user)
            with self.assertRaises(ValidationError):
                self._record("email", "granted", later, user=user)
        # a real withdrawal is not outranked by a forged grant
        self._record("email", "withdrawn", fields.Datetime.now(), user=self.user)
        consent = self.partner.consent_ids
        with self.assertRaises(ValidationError):
            consent.with_user(self.manager).write({"date": "2099-01-01 00:00:00"})
        self.assertFalse(self.partner.consent_email)

    def test_only_managers_backdate_with_a_reason(self):
        now = fields.Datetime.now()
        # clock skew and a form left open a few minutes are not backdating
        self._record("sms", "granted", now + timedelta(minutes=2), user=self.user)
        self._record("sms", "granted", now - timedelta(minutes=20), user=self.user)
        with self.assertRaises(AccessError):
            self._record("email", "granted", now - timedelta(days=30), user=self.user)
        with self.assertRaises(ValidationError):
            self._record("email", "granted", now - timedelta(days=30), reason=" ")
        self._record(
            "email",
            "granted",
            now - timedelta(days=30),
            reason="Signed form found in the archive",
        )
        self.assertTrue(self.partner.consent_email)
        self.assertIn(
            "Signed form found in the archive", self.partner.message_ids[0].body
        )
        # redating an existing statement is logged with its reason
        consent = self.partner.consent_ids.filtered(lambda c: c.channel == "email")
        with self.assertRaises(AccessError):
            consent.with_user(self.user).write({"date": now - timedelta(days=60)})
        consent.with_user(self.manager).write(
            {"date": now - timedelta(days=40), "date_reason": "Typo in the day"}
        )
        self.assertIn("Typo in the day", self.partner.message_ids[0].body)

    def test_latest_statement_per_channel_wins(self):
        self._record("email", "granted", "2026-01-10 09:00:00")
        self._record("sms", "granted", "2026-01-10 09:00:00")
        self.assertTrue(self.partner.consent_email)
        self.assertTrue(self.partner.consent_sms)
        self.assertFalse(self.partner.consent_phone)
        self.assertFalse(self.partner.consent_post)

        self._record("email", "withdrawn", "2026-03-01 12:00:00")
        self.assertFalse(self.partner.consent_email)
        self.assertTrue(self.partner.consent_sms, "other channels keep theirs")

        # A statement entered late but dated earlier does not override
        self._record("email", "granted", "2026-02-01 12:00:00")
        self.assertFalse(self.partner.consent_email)

    def test_consent_searchable_on_partner(self):
        self._record("post", "granted", "2026-01-10 09:00:00")
        found = self.env["res.partner"].search(
            [("consent_post", "=", True), ("id", "=", self.partner.id)]
        )
        self.assertEqual(found, self.partner)

    def test_statement_logged_in_chatter(self):
        self._record("phone", "granted", "2026-01-10 09:00:00")
        bodies = self.partner.message_ids.mapped("body")
        self.assertTrue(
            any("Consent for Phone: Granted (source: Web form)" in b for b in bodies),
            bodies,
        )

    def test_user_records_but_cannot_rewrite_history(self):
        consent = self._record("email", "granted", "2026-01-10 09:00:00")
        with self.assertRaises(AccessError):
            consent.with_user(self.user).write({"state": "withdrawn"})
        with self.assertRaises(AccessError):
            consent.with_user(self.user).unlink()
        consent.with_user(self.manager).write({"note": "Form 42"})
        self.assertEqual(consent.note, "Form 42")

    def test_employee_without_group_sees_no_consent_log(self):
        self._record("email", "granted", "2026-01-10 09:00:00")
        with self.assertRaises(AccessError):
            self.env["crm.relationship.consent"].with_user(self.employee).search([])
        # ... yet still reads the partner's consent flags, e.g. to send mail
        self.assertTrue(self.partner.with_user(self.employee).consent_email)

    def test_consent_added_from_partner(self):
        self.partner.with_user(self.user).write(
            {
                "consent_ids": [
                    Command.create(
                        {
                            "channel": "sms",
                            "state": "granted",
                            "source": "in_person",
                        }
                    )
                ]
            }
        )
        self.assertTrue(self.partner.consent_sms)

    def test_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["res.partner"].create(
            {"name": "Foreign", "company_id": other_company.id}
        )
        self.env["crm.relationship.consent"].create(
            {"partner_id": foreign.id, "channel": "email", "source": "import"}
        )
        visible = (
            self.env["crm.relationship.consent"]
            .with_user(self.manager)
            .search([("partner_id", "=", foreign.id)])
        )
        self.assertFalse(visible, "a consent of another company stays hidden")
