# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
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

    def _record(self, channel, state, date, user=None):
        env = self.env(user=user or self.user)
        return env["crm.relationship.consent"].create(
            {
                "partner_id": self.partner.id,
                "channel": channel,
                "state": state,
                "date": date,
                "source": "web_form",
            }
        )

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
