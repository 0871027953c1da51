# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRelationshipTabRoles(TransactionCase):
    """The blocks of the contact's Relationship tab per role, with the
    account managers, the value and the accounting add-ons installed."""

    def _blocks(self, groups):
        user = new_test_user(self.env, login=f"tab_{groups}", groups=groups)
        arch = (
            self.env["res.partner"]
            .with_user(user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        pages = etree.fromstring(arch).xpath("//page[@name='crm_relationship']")
        self.assertEqual(len(pages), 1, groups)
        return {node.get("name") for node in pages[0].iterchildren("group")}

    def test_blocks_per_role(self):
        sales = self._blocks("sales_team.group_sale_salesman")
        self.assertIn("crm_relationship_priority", sales)
        self.assertNotIn("crm_relationship_value", sales)
        self.assertNotIn("crm_relationship_account_manager", sales)
        self.assertNotIn("crm_relationship_accounting", sales)

        invoicing = self._blocks("account.group_account_invoice")
        self.assertIn("crm_relationship_priority", invoicing)
        self.assertIn("crm_relationship_accounting", invoicing)
        self.assertNotIn("crm_relationship_value", invoicing)
        self.assertNotIn("crm_relationship_account_manager", invoicing)

        relationship = self._blocks("crm_relationship.group_crm_relationship_user")
        self.assertLessEqual(
            {
                "crm_relationship_value",
                "crm_relationship_priority",
                "crm_relationship_account_manager",
            },
            relationship,
        )
        self.assertNotIn("crm_relationship_accounting", relationship)
