# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestLoyaltyPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Portal Rewards",
                "program_type": "loyalty",
                "rule_ids": [Command.create({"reward_point_amount": 1})],
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 5,
                            "discount_mode": "per_order",
                            "required_points": 50,
                        }
                    )
                ],
                "points_expiry": "months",
                "expire_after_months": 1,
                "expiry_reminder_days": 40,
            }
        )
        Tier = cls.env["crm.relationship.loyalty.tier"]
        Tier.create({"program_id": cls.program.id, "name": "Bronze", "threshold": 0})
        Tier.create({"program_id": cls.program.id, "name": "Silver", "threshold": 100})
        cls.Tier_gold = Tier.create(
            {"program_id": cls.program.id, "name": "Goldish", "threshold": 1000}
        )
        cls.portal = new_test_user(
            cls.env,
            login="loy_portal",
            password="loy_portal",
            groups="base.group_portal",
            name="Portal Pia",
        )
        cls.other = new_test_user(
            cls.env,
            login="loy_portal_other",
            password="loy_portal_other",
            groups="base.group_portal",
            name="Portal Otto",
        )
        Card = cls.env["loyalty.card"]
        cls.card = Card.create(
            {"program_id": cls.program.id, "partner_id": cls.portal.partner_id.id}
        )
        cls.other_card = Card.create(
            {"program_id": cls.program.id, "partner_id": cls.other.partner_id.id}
        )
        for card, points in ((cls.card, 150), (cls.other_card, 20)):
            cls.env["loyalty.history"].create(
                {
                    "card_id": card.id,
                    "description": f"Welcome order {points}",
                    "issued": points,
                    "qualifying_points": points,
                }
            )
            card.points = points

    def test_my_loyalty_shows_own_card_only(self):
        self.authenticate("loy_portal", "loy_portal")
        response = self.url_open("/my/loyalty")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Silver", page)
        self.assertIn("Welcome order 150", page)
        self.assertIn("Expiring soon", page)
        self.assertIn("to Goldish", page)
        self.assertNotIn("Welcome order 20", page)
        home = self.url_open("/my/home")
        self.assertIn("/my/loyalty", home.text)

    def test_my_loyalty_needs_login(self):
        with freeze_time("2026-01-01"):
            response = self.url_open("/my/loyalty", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_portal_rpc_reads_nothing(self):
        """Over RPC a portal user reads no card, not even their own: the
        portal page is the only way, and it shows their own."""
        for model in (
            "loyalty.card",
            "loyalty.history",
            "crm.relationship.loyalty.tier",
            "crm.relationship.loyalty.tier.history",
            "loyalty.point.track",
            "crm.relationship.loyalty.membership.report",
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal).search_read([], ["id"])
        with self.assertRaises(AccessError):
            self.other_card.with_user(self.portal).read(["points"])

    @mute_logger("odoo.http")
    def test_my_loyalty_ignores_other_ids(self):
        """Another customer's card id, in the path or the query string
        (pager, sort, card, partner), shows nothing of theirs."""
        self.authenticate("loy_portal", "loy_portal")
        response = self.url_open(f"/my/loyalty/{self.other_card.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"/my/loyalty?card_id={self.other_card.id}"
            f"&partner_id={self.other.partner_id.id}&page=2&sortby=id%20desc"
            "&access_token=x"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Welcome order 150", response.text)
        self.assertNotIn("Welcome order 20", response.text)
        self.assertNotIn(self.other_card.code, response.text)

    @mute_logger("odoo.http")
    def test_crons_and_actions_over_rpc(self):
        """The scheduled actions' methods are private: not callable over RPC,
        by anyone; the public ones check the caller's rights."""
        new_test_user(
            self.env,
            login="loy_rpc_user",
            password="loy_rpc_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        calls = [
            ("loyalty.card", "_cron_check_balances", []),
            ("loyalty.card", "_cron_send_expiry_reminders", []),
            ("loyalty.history", "_cron_expire_loyalty_points", []),
            ("loyalty.program", "_cron_assess_tiers", []),
            ("loyalty.program", "action_assess_tiers", [self.program.ids]),
            ("loyalty.card", "action_set_tier", [self.other_card.ids]),
        ]
        for login in ("loy_portal", "loy_rpc_user"):
            self.authenticate(login, login)
            for model, method, args in calls:
                with (
                    self.subTest(login=login, method=method),
                    self.assertRaises(JsonRpcException),
                ):
                    self.make_jsonrpc_request(
                        f"/web/dataset/call_kw/{model}/{method}",
                        {
                            "model": model,
                            "method": method,
                            "args": args,
                            "kwargs": {},
                        },
                    )
        self.assertEqual(self.other_card.points, 20)
        self.assertFalse(self.other_card.tier_manual)
