# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import LoyaltyTierCommon


@tagged("post_install", "-at_install")
class TestLoyaltyExpiry(LoyaltyTierCommon):
    def test_expiration_dates(self):
        first = self._earn(self.card, 100, "2025-01-10")
        self.assertEqual(str(first.expiration_date), "2026-01-09")
        self.program.points_expiry = "year_end"
        second = self._earn(self.card, 10, "2025-03-10")
        self.assertEqual(str(second.expiration_date), "2026-12-31")
        self.program.points_expiry = "never"
        third = self._earn(self.card, 10, "2025-03-10")
        self.assertFalse(third.expiration_date)

    def test_redemption_consumes_nearest_expiry(self):
        late = self._earn(self.card, 100, "2025-06-01")
        self.program.points_expiry = "never"
        never = self._earn(self.card, 100, "2025-01-01")
        self.program.points_expiry = "months"
        early = self._earn(self.card, 100, "2025-02-01")
        redemption = self._redeem(self.card, 150, "2025-07-01")
        self.assertEqual(early.available_issued_points, 0)
        self.assertEqual(late.available_issued_points, 50)
        self.assertEqual(never.available_issued_points, 100)
        tracks = self.env["loyalty.point.track"].search(
            [("redeemer_line_id", "=", redemption.id)]
        )
        self.assertEqual(
            {(t.issuer_line_id, t.points) for t in tracks}, {(early, 100), (late, 50)}
        )
        self.assertEqual(self.card.award_ids, late | never)
        self.assertBalanced()
        # spending beyond the awards leaves a debt that the next award pays
        self._redeem(self.card, 200, "2025-07-02")
        self.assertEqual(self.card.points, -50)
        self.assertBalanced()
        paying = self._earn(self.card, 80, "2025-07-03")
        self.assertEqual(paying.available_issued_points, 30)
        self.assertBalanced()

    def test_cancelled_redemption_gives_points_back(self):
        award = self._earn(self.card, 100, "2025-02-01")
        redemption = self._redeem(self.card, 60, "2025-03-01")
        redemption.unlink()
        self.card.points += 60
        self.assertEqual(award.available_issued_points, 100)
        self.assertBalanced()
        redemption = self._redeem(self.card, 60, "2025-03-01")
        redemption.used = 20
        self.card.points += 40
        self.assertEqual(award.available_issued_points, 80)
        self.assertBalanced()

    def test_expiry_cron_twice(self):
        early = self._earn(self.card, 100, "2025-01-10")
        late = self._earn(self.card, 100, "2025-06-01")
        self._redeem(self.card, 30, "2025-03-01")
        Cron = self.env.ref("crm_relationship_loyalty.ir_cron_expire_loyalty_points")
        with freeze_time("2026-01-09"):
            self.assertEqual(self.History._cron_expire_loyalty_points(), 0)
        with freeze_time("2026-01-10"):
            Cron.method_direct_trigger()
            self.assertEqual(self.card.points, 100)
            self.assertEqual(early.available_issued_points, 0)
            self.assertEqual(late.available_issued_points, 100)
            expiry = self.card.history_ids.filtered(
                lambda h: h.movement_type == "expiry"
            )
            self.assertEqual(expiry.used, 70)
            self.assertIn("expired", expiry.description)
            self.assertEqual(self.History._cron_expire_loyalty_points(), 0)
            self.assertEqual(self.card.points, 100)
            self.assertEqual(len(self.card.history_ids), 4)
        self.assertBalanced()

    def test_expiring_soon_mail_needs_consent(self):
        consenting = self.env["res.partner"].create(
            {"name": "Yes Mail", "email": "yes@loyalty.example.com"}
        )
        self.env["crm.relationship.consent"].create(
            {
                "partner_id": consenting.id,
                "channel": "email",
                "state": "granted",
                "source": "web_form",
            }
        )
        self.assertTrue(consenting.consent_email)
        card_yes = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": consenting.id}
        )
        self._earn(card_yes, 100, "2025-01-10")
        self._earn(self.card, 100, "2025-01-10")
        Mail = self.env["mail.mail"]
        with freeze_time("2025-12-01"):
            self.assertEqual(self.env["loyalty.card"]._cron_send_expiry_reminders(), 0)
        with freeze_time("2025-12-15"):
            before = Mail.search([])
            self.assertEqual(self.env["loyalty.card"]._cron_send_expiry_reminders(), 1)
            mails = Mail.search([]) - before
            self.assertEqual(mails.recipient_ids, consenting)
            self.assertIn("100", mails.body_html)
            # every award is announced once
            self.assertEqual(self.env["loyalty.card"]._cron_send_expiry_reminders(), 0)

    def test_balance_check_logs_drift(self):
        self._earn(self.card, 100, "2025-01-10")
        self.assertEqual(self.env["loyalty.card"]._cron_check_balances(), 0)
        self.card.points = 130
        with self.assertLogs(
            "odoo.addons.crm_relationship_loyalty.models.loyalty_card", "WARNING"
        ) as logs:
            self.assertEqual(self.env["loyalty.card"]._cron_check_balances(), 1)
        self.assertIn("balance 130", logs.output[0])

    def test_generated_cards_are_booked_once(self):
        self.env["loyalty.generate.wizard"].with_context(
            active_id=self.program.id
        ).create(
            {"coupon_qty": 2, "points_granted": 40, "mode": "anonymous"}
        ).generate_coupons()
        cards = self.program.coupon_ids.filtered(lambda c: not c.partner_id)
        self.assertEqual(len(cards), 2)
        self.assertEqual(cards.history_ids.mapped("available_issued_points"), [40, 40])
        self.assertBalanced()

    def test_opening_balance(self):
        card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": self.partner.id, "points": 75}
        )
        self.assertEqual(card.history_ids.available_issued_points, 75)
        self.assertEqual(card.history_ids.qualifying_points, 0)
        self.assertBalanced()
