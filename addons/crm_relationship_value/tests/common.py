# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class ValueCommon(TransactionCase):
    """Metrics from hand-built documents; every expected figure is exact.

    Company currency USD; 1 USD = 2 EUR in 2026. Widget costs 60 in the main
    company and nothing in the other one.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.usd = cls.env.ref("base.USD")
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        if cls.company.currency_id != cls.usd:
            cls.company.currency_id = cls.usd
        cls.env["res.currency.rate"].search(
            [("currency_id", "in", (cls.usd | cls.eur).ids)]
        ).unlink()
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.eur.id, "name": "2025-01-01", "rate": 2.0}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "Other Co", "currency_id": cls.usd.id}
        )
        cls.manager = new_test_user(
            cls.env,
            login="crm_rel_value_manager",
            groups="base.group_user,crm_relationship.group_crm_relationship_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Widget", "list_price": 100.0, "taxes_id": [Command.clear()]}
        )
        cls.product.with_company(cls.company).standard_price = 60.0
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.eur.id, "company_id": False}
        )
        cls.usd_pricelist = cls.env["product.pricelist"].create(
            {"name": "USD", "currency_id": cls.usd.id, "company_id": False}
        )
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create({"name": "Acme", "is_company": True})
        cls.acme_buyer = Partner.create({"name": "Buyer", "parent_id": cls.acme.id})
        cls.bob = Partner.create({"name": "Bob"})
        cls.nosales = Partner.create({"name": "No Sales"})
        cls.Metrics = cls.env["crm.relationship.partner.metrics"]

    @classmethod
    def _order(
        cls, partner, when, qty, price, company=None, pricelist=None, confirm=True
    ):
        company = company or cls.company
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "pricelist_id": (pricelist or cls.usd_pricelist).id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "tax_id": [Command.clear()],
                    }
                )
            ],
        }
        order = cls.env["sale.order"].with_company(company).create(vals)
        if confirm:
            order.action_confirm()
        order.date_order = f"{when} 10:00:00"
        return order

    def _sales_fixture(self):
        self._order(self.acme, "2025-07-01", 2, 100.0)
        self._order(self.acme_buyer, "2026-06-01", 1, 150.0)
        self._order(self.acme, "2026-03-01", 1, 400.0, pricelist=self.eur_pricelist)
        self._order(self.acme, "2026-06-15", 10, 100.0)._action_cancel()
        self._order(self.bob, "2026-06-30", 1, 100.0)
        self._order(self.bob, "2026-06-30", 5, 100.0, confirm=False)
        self._order(self.acme, "2026-06-20", 1, 999.0, company=self.other_company)

    def _recompute(self, full=True):
        self.Metrics._recompute(self.company | self.other_company, full=full)

    def _metrics(self, partner, company=None):
        return self.Metrics.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )
