# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.crm_relationship_account_manager.tests.common import (
    AccountManagerCommon,
)


@tagged("post_install", "-at_install")
class TestPortfolioValue(AccountManagerCommon):
    """The value fields and segments of a contact, for account managers with
    the own-portfolio access: am1 (in the Key Accounts team), am4 (its
    leader) and an outsider; the Relationship manager sees all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portfolio("am_value_pf_outsider")
        cls.customers = cls.mine | cls.teammate | cls.other
        cls.contact = cls.env["res.partner"].create(
            {"name": "Other's buyer", "parent_id": cls.other.id}
        )
        champions = cls.env.ref("crm_relationship_value.rfm_segment_champions")
        cls.env["crm.relationship.partner.metrics"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "order_count": 3,
                    "revenue": revenue,
                    "rfm_score": "555",
                    "rfm_segment_id": champions.id,
                    "quadrant": "true_friend",
                }
                for partner, revenue in (
                    (cls.mine, 100.0),
                    (cls.teammate, 200.0),
                    (cls.other, 300.0),
                )
            ]
        )
        cls.segment = cls.env["crm.relationship.segment"].create(
            {"name": "Portfolio segment", "domain": "[]"}
        )
        (cls.customers | cls.contact).write(
            {"relationship_segment_ids": [Command.link(cls.segment.id)]}
        )

    def _read(self, user, partner):
        return partner.with_user(user).read(
            [
                "relationship_revenue",
                "relationship_order_count",
                "relationship_rfm_score",
                "relationship_rfm_segment_id",
                "relationship_quadrant",
                "relationship_segment_ids",
            ]
        )[0]

    def _search(self, user, domain):
        return (
            self.env["res.partner"]
            .with_user(user)
            .search([*domain, ("id", "in", (self.customers | self.contact).ids)])
        )

    def test_read(self):
        for user, visible in (
            (self.am1, self.mine | self.teammate),
            (self.am4, self.mine | self.teammate),
            (self.outsider, self.other | self.contact),
            (self.manager, self.customers | self.contact),
        ):
            for partner in self.customers | self.contact:
                values = self._read(user, partner)
                if partner in visible:
                    self.assertTrue(values["relationship_revenue"], user.login)
                    self.assertEqual(values["relationship_quadrant"], "true_friend")
                    self.assertEqual(values["relationship_rfm_score"], "555")
                    self.assertEqual(
                        values["relationship_segment_ids"], self.segment.ids
                    )
                else:
                    self.assertFalse(values["relationship_revenue"], user.login)
                    self.assertFalse(values["relationship_order_count"])
                    self.assertFalse(values["relationship_rfm_score"])
                    self.assertFalse(values["relationship_rfm_segment_id"])
                    self.assertFalse(values["relationship_quadrant"])
                    self.assertEqual(values["relationship_segment_ids"], [])
        # A contact shows its company's figures: the outsider's customer.
        self.assertEqual(
            self._read(self.outsider, self.contact)["relationship_revenue"], 300.0
        )
        self.assertFalse(self._read(self.am1, self.contact)["relationship_revenue"])
        # Nor does the segment list them among its members.
        self.assertEqual(
            set(
                self.segment.with_user(self.am1).read(["partner_ids"])[0]["partner_ids"]
            ),
            set((self.mine | self.teammate).ids),
        )

    def test_search_and_group(self):
        self.assertEqual(
            self._search(self.am1, [("relationship_revenue", ">", 0)]),
            self.mine | self.teammate,
        )
        self.assertEqual(
            self._search(self.am1, [("relationship_quadrant", "=", "true_friend")]),
            self.mine | self.teammate,
        )
        self.assertEqual(
            self._search(self.outsider, [("relationship_revenue", ">=", 250)]),
            self.other | self.contact,
        )
        # Segments: the others' customers are in none.
        in_segment = [("relationship_segment_ids", "in", self.segment.ids)]
        self.assertEqual(
            self._search(self.am4, in_segment),
            self.mine | self.teammate,
        )
        self.assertEqual(
            self._search(self.am4, [("relationship_segment_ids", "=", False)]),
            self.other | self.contact,
        )
        self.assertEqual(
            self._search(
                self.am4, [("relationship_segment_ids", "not in", self.segment.ids)]
            ),
            self.other | self.contact,
        )
        self.assertEqual(
            self._search(
                self.manager, [("relationship_segment_ids", "in", self.segment.ids)]
            ),
            self.customers | self.contact,
        )
        groups = dict(
            self.env["res.partner"]
            .with_user(self.outsider)
            ._read_group(
                [("id", "in", (self.customers | self.contact).ids)],
                ["relationship_segment_ids"],
                ["__count"],
            )
        )
        self.assertEqual(groups.get(self.segment.with_user(self.outsider)), 2)
        self.assertEqual(
            self.segment.with_user(self.am1).member_count, 2, "mine and my teammate's"
        )

    def test_sales_orders(self):
        """The customer's segments on sales orders follow the portfolio."""
        self.am1.groups_id |= self.env.ref("sales_team.group_sale_salesman_all_leads")
        product = self.env["product.product"].create({"name": "Portfolio widget"})
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
                for partner in (self.mine, self.other)
            ]
        )
        Order = self.env["sale.order"].with_user(self.am1)
        values = {
            row["id"]: row["relationship_segment_ids"]
            for row in Order.browse(orders.ids).read(["relationship_segment_ids"])
        }
        self.assertEqual(values[orders[0].id], self.segment.ids)
        self.assertEqual(values[orders[1].id], [])
        self.assertEqual(
            Order.search(
                [
                    ("relationship_segment_ids", "in", self.segment.ids),
                    ("id", "in", orders.ids),
                ]
            ),
            orders[0],
        )
