# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegment(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.manager = new_test_user(
            cls.env,
            login="crm_rel_segment_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
        )
        cls.user = new_test_user(
            cls.env,
            login="crm_rel_segment_user",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
        )
        cls.vip = cls.env["res.partner.category"].create({"name": "Segment VIP"})
        Partner = cls.env["res.partner"]
        tagged_vip = {"category_id": [Command.set(cls.vip.ids)]}
        cls.anna = Partner.create({"name": "Anna", **tagged_vip})
        cls.ben = Partner.create({"name": "Ben", **tagged_vip})
        cls.carl = Partner.create({"name": "Carl"})
        cls.foreign = Partner.create(
            {"name": "Foreign", "company_id": cls.other_company.id, **tagged_vip}
        )
        with Form(cls.env["crm.relationship.segment"].with_user(cls.manager)) as form:
            form.name = "VIP"
            form.domain = f"[('category_id', 'in', [{cls.vip.id}])]"
        cls.segment = form.record

    def _refresh(self, day):
        with freeze_time(day):
            self.segment.with_user(self.manager).action_refresh()

    def test_members_history_and_sizes(self):
        self._refresh("2026-01-15")
        self.assertEqual(self.segment.partner_ids, self.anna | self.ben)
        self.assertEqual(self.segment.member_count, 2)
        # Ben leaves, Carl joins
        self.ben.category_id = [Command.clear()]
        self.carl.category_id = [Command.set(self.vip.ids)]
        self._refresh("2026-02-10")
        self._refresh("2026-02-10")  # a second refresh the same day changes nothing
        self.assertEqual(self.segment.partner_ids, self.anna | self.carl)
        moves = self.segment.history_ids.sorted(lambda h: (h.date, h.partner_id.name))
        self.assertEqual(
            [(h.date, h.partner_id.name, h.event) for h in moves],
            [
                (date(2026, 1, 15), "Anna", "entry"),
                (date(2026, 1, 15), "Ben", "entry"),
                (date(2026, 2, 10), "Ben", "exit"),
                (date(2026, 2, 10), "Carl", "entry"),
            ],
        )
        sizes = self.env["crm.relationship.segment.snapshot"].search(
            [("segment_id", "=", self.segment.id)], order="date"
        )
        self.assertEqual(
            [(s.date, s.member_count) for s in sizes],
            [(date(2026, 1, 15), 2), (date(2026, 2, 10), 2)],
        )

    def test_segment_filters_contacts(self):
        self._refresh("2026-01-15")
        Partner = self.env["res.partner"].with_user(self.user)
        self.assertEqual(
            Partner.search([("relationship_segment_ids", "in", self.segment.ids)]),
            self.anna | self.ben,
        )
        self.assertEqual(self.anna.relationship_segment_ids, self.segment)
        action = self.segment.action_view_members()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]), self.anna | self.ben
        )
        # Sales orders filter on their customer's segments, contacts included
        buyer = self.env["res.partner"].create(
            {"name": "Anna's buyer", "parent_id": self.anna.id}
        )
        SaleOrder = self.env["sale.order"]
        orders = SaleOrder.create(
            [{"partner_id": p.id} for p in (self.anna, buyer, self.carl)]
        )
        salesman = new_test_user(
            self.env,
            login="crm_rel_segment_salesman",
            groups="sales_team.group_sale_salesman_all_leads,"
            "crm_relationship.group_crm_relationship_user",
        )
        self.assertEqual(
            SaleOrder.with_user(salesman).search(
                [
                    ("id", "in", orders.ids),
                    ("relationship_segment_ids", "in", self.segment.ids),
                ]
            ),
            orders[:2],
        )

    def test_mass_mail_reaches_members_who_consent(self):
        Partner = self.env["res.partner"]
        vip = {"category_id": [Command.set(self.vip.ids)]}
        self.anna.email = "anna@example.com"
        self.ben.email = "ben@example.com"
        never_asked = Partner.create(
            {"name": "Dora", "email": "dora@example.com", **vip}
        )
        no_address = Partner.create({"name": "Eve", **vip})
        statements = [
            (self.anna, "granted", "2026-01-02 10:00:00"),
            (self.ben, "granted", "2026-01-02 10:00:00"),
            (self.ben, "withdrawn", "2026-01-05 10:00:00"),  # opted out since
            (no_address, "granted", "2026-01-02 10:00:00"),
        ]
        self.env["crm.relationship.consent"].create(
            [
                {"partner_id": p.id, "channel": "email", "state": st, "date": day}
                for p, st, day in statements
            ]
        )
        self._refresh("2026-01-15")
        self.assertEqual(self.segment.member_count, 4)
        self.assertEqual(self.segment.mailing_count, 1)
        self.assertTrue(never_asked.relationship_segment_ids)

        self.user.email = "crm.rel.segment.user@example.com"
        action = self.segment.with_user(self.user).action_send_mail()
        Composer = self.env[action["res_model"]].with_user(self.user)
        with Form(Composer.with_context(**action["context"])) as composer:
            composer.subject = "Spring offer"
            composer.body = "<p>Dear customer, our spring offer is out.</p>"
        composer.record.action_send_mail()
        mails = self.env["mail.mail"].search([("subject", "=", "Spring offer")])
        self.assertEqual(len(mails), 1, "one mail per consenting member")
        self.assertEqual(mails.recipient_ids, self.anna)
        self.assertEqual(mails.model, "res.partner")
        self.assertEqual(mails.res_id, self.anna.id)

    def test_no_email_to_nobody(self):
        """A segment whose members all lack email consent: no composer."""
        self._refresh("2026-01-15")
        self.assertEqual(self.segment.member_count, 2)
        self.assertEqual(self.segment.mailing_count, 0)
        with self.assertRaisesRegex(UserError, "would reach nobody"):
            self.segment.with_user(self.user).action_send_mail()
        arch = self.env["crm.relationship.segment"].get_views([(False, "kanban")])
        kanban = arch["views"]["kanban"]["arch"]
        self.assertIn('invisible="not mailing_count"', kanban)
        self.assertIn("record.member_count.raw_value == 1", kanban)

    def test_rule_on_value_figures(self):
        Metrics = self.env["crm.relationship.partner.metrics"]
        Metrics.create(
            {
                "partner_id": self.carl.id,
                "company_id": self.company.id,
                "order_count": 4,
                "revenue": 600.0,
            }
        )
        Metrics.create(
            {
                "partner_id": self.ben.id,
                "company_id": self.other_company.id,
                "order_count": 4,
                "revenue": 900.0,
            }
        )
        # among this test's contacts (the demo has big spenders too)
        scope = (self.anna | self.ben | self.carl).ids
        rule = f"[('relationship_revenue', '>=', 500), ('id', 'in', {scope})]"
        big = self.env["crm.relationship.segment"].create(
            {"name": "Big spenders", "domain": rule}
        )
        big_elsewhere = self.env["crm.relationship.segment"].create(
            {
                "name": "Big spenders (Other Co)",
                "company_id": self.other_company.id,
                "domain": rule,
            }
        )
        self.env.ref(
            "crm_relationship_value.ir_cron_refresh_segments"
        ).method_direct_trigger()
        self.assertEqual(big.partner_ids, self.carl, "figures of its own company")
        self.assertEqual(big_elsewhere.partner_ids, self.ben)

    def test_other_company_contacts_never_members(self):
        self._refresh("2026-01-15")
        self.assertNotIn(self.foreign, self.segment.partner_ids)

    def test_invalid_rule_rejected(self):
        with self.assertRaises(ValidationError):
            self.segment.domain = "[('no_such_field', '=', 1)]"

    def test_user_reads_but_does_not_edit_segments(self):
        segment = self.segment.with_user(self.user)
        self.assertEqual(segment.name, "VIP")
        with self.assertRaises(AccessError):
            segment.name = "Renamed"
        with self.assertRaises(AccessError):
            segment.action_refresh()
