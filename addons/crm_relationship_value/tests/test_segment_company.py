# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegmentCompany(TransactionCase):
    """A segment's rule is evaluated with its owner's rights in the
    segment's company: a shared contact's orders in another company do not
    make it a member, and a probe on another company's orders finds nobody."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Segment Co B"})
        groups = (
            "base.group_user,crm_relationship.group_crm_relationship_manager,"
            "sales_team.group_sale_salesman_all_leads"
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="crm_rel_seg_manager_a",
            groups=groups,
            company_id=cls.company_a.id,
            company_ids=[Command.set(cls.company_a.ids)],
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="crm_rel_seg_manager_b",
            groups=groups,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.shared = cls.env["res.partner"].create({"name": "Shared Big Buyer"})
        product = cls.env["product.product"].create(
            {"name": "Crane", "list_price": 60000.0, "taxes_id": [Command.clear()]}
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.shared.id,
                "company_id": cls.company_a.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": 60000.0,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()

    def _segment(self, manager, domain):
        segment = (
            self.env["crm.relationship.segment"]
            .with_user(manager)
            .create({"name": "Big spenders", "domain": domain})
        )
        segment.action_refresh()
        return segment.sudo()

    def test_other_company_orders_do_not_count(self):
        rule = "[('sale_order_ids.amount_total', '>', 50000)]"
        in_b = self._segment(self.manager_b, rule)
        self.assertEqual(in_b.company_id, self.company_b)
        self.assertNotIn(self.shared, in_b.partner_ids)
        in_a = self._segment(self.manager_a, rule)
        self.assertIn(self.shared, in_a.partner_ids)

    def test_probe_on_other_company_orders_finds_nobody(self):
        probe = f"[('sale_order_ids.company_id', '=', {self.company_a.id})]"
        self.assertFalse(self._segment(self.manager_b, probe).partner_ids)

    def test_cron_refresh_keeps_the_owner_rights(self):
        segment = self._segment(
            self.manager_b, "[('sale_order_ids.amount_total', '>', 50000)]"
        )
        self.env["crm.relationship.segment"]._cron_refresh()
        self.assertNotIn(self.shared, segment.partner_ids)
