# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
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
        big = self.env["crm.relationship.segment"].create(
            {"name": "Big spenders", "domain": "[('relationship_revenue', '>=', 500)]"}
        )
        big_elsewhere = self.env["crm.relationship.segment"].create(
            {
                "name": "Big spenders (Other Co)",
                "company_id": self.other_company.id,
                "domain": "[('relationship_revenue', '>=', 500)]",
            }
        )
        self.env.ref(
            "crm_relationship.ir_cron_refresh_segments"
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
