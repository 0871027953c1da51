# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import new_test_user, tagged

from .common import ValueCommon


@tagged("post_install", "-at_install")
class TestCustomers(ValueCommon):
    """Who Relationship > Customers lists, and the Relationship tab each kind
    of user sees."""

    def test_customers_are_buyers_not_employees_nor_vendors(self):
        Partner = self.env["res.partner"]
        vendor = Partner.create({"name": "Vendor Only", "supplier_rank": 1})
        marked = Partner.create({"name": "Marked Customer", "customer_rank": 1})
        created = Partner.with_context(res_partner_search_mode="customer").create(
            {"name": "Created from Customers"}
        )
        self._sales_fixture()
        self._order(self.manager.partner_id, "2026-06-01", 1, 100.0)
        self._recompute()
        customers = Partner.search([("relationship_is_customer", "=", True)])
        for partner in (self.acme, self.bob, marked, created):
            self.assertIn(partner, customers)
        for partner in (
            self.acme_buyer,  # a contact of a customer: the company is listed
            self.nosales,
            vendor,
            self.manager.partner_id,  # an employee, even one who bought
            self.company.partner_id,
        ):
            self.assertNotIn(partner, customers)
        self.assertTrue(self.acme.relationship_is_customer)
        self.assertFalse(vendor.relationship_is_customer)
        self.assertEqual(
            Partner.search([("relationship_is_customer", "!=", True)]),
            Partner.search([("id", "not in", customers.ids)]),
        )
        action = self.env.ref("crm_relationship.res_partner_action_customers")
        self.assertEqual(action.domain, "[('relationship_is_customer', '=', True)]")

    def _page(self, user):
        Partner = self.env["res.partner"].with_user(user)
        arch = Partner.get_views([(False, "form")])["views"]["form"]["arch"]
        tree = etree.fromstring(arch)
        pages = tree.xpath("//page[@name='crm_relationship']")
        return tree, pages[0] if pages else None

    def test_relationship_tab_blocks_per_group(self):
        sales = new_test_user(
            self.env,
            login="crm_rel_tab_sales",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        tree, page = self._page(sales)
        self.assertIsNotNone(page, "every employee has the Relationship tab")
        names = [node.get("name") for node in page.iterchildren("group")]
        # the priority block first; blocks of other add-ons for Sales users
        # (the loyalty tier) may follow, the Relationship group's never
        self.assertEqual(names[0], "crm_relationship_priority")
        for name in ("crm_relationship_customer", "crm_relationship_value"):
            self.assertNotIn(name, names)
        self.assertFalse(page.xpath(".//group[@name='crm_relationship_profile']"))
        self.assertFalse(tree.xpath("//page[@name='crm_relationship_consent']"))

        tree, page = self._page(self.manager)
        names = [node.get("name") for node in page.iterchildren("group")]
        self.assertEqual(
            names[:3],
            [
                "crm_relationship_customer",
                "crm_relationship_value",
                "crm_relationship_priority",
            ],
        )
        self.assertTrue(page.xpath(".//group[@name='crm_relationship_profile']"))
        self.assertTrue(page.xpath(".//group[@name='crm_relationship_communication']"))
        # the consent history has a tab of its own, next to the Relationship tab
        consent = tree.xpath("//page[@name='crm_relationship_consent']")[0]
        self.assertEqual(page.getnext(), consent)
        self.assertTrue(consent.xpath(".//field[@name='consent_ids']"))
        self.assertFalse(page.xpath(".//field[@name='consent_ids']"))
        # no empty Profile title on companies
        profile = page.xpath(".//group[@name='crm_relationship_profile']")[0]
        self.assertEqual(profile.get("invisible"), "is_company")
        # days since the last purchase: blank, not 0, without a purchase
        recency = page.xpath(".//field[@name='relationship_recency_days']")[0]
        self.assertEqual(
            recency.get("invisible"), "not relationship_last_purchase_date"
        )

    def test_appended_blocks_land_at_the_end_of_the_tab(self):
        self.env["ir.ui.view"].create(
            {
                "name": "test appended block",
                "model": "res.partner",
                "inherit_id": self.env.ref("crm_relationship.view_partner_form").id,
                "arch": """
                    <xpath expr="//page[@name='crm_relationship']" position="inside">
                        <group name="test_appended_block" string="Appended" />
                    </xpath>
                """,
            }
        )
        __, page = self._page(self.manager)
        names = [node.get("name") for node in page.iterchildren("group")]
        # after the priority block (other add-ons' blocks may follow)
        self.assertGreater(
            names.index("test_appended_block"),
            names.index("crm_relationship_priority"),
        )
