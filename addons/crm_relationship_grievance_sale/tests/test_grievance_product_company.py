# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestGrievanceProductCompany(TransactionCase):
    """Grievances per 100 orders count the orders of the grievance's
    company only: a company-B user does not see company A's volume."""

    def test_orders_counted_in_the_grievance_company(self):
        company_a = self.env.company
        company_b = self.env["res.company"].create({"name": "Report Co B"})
        user_b = new_test_user(
            self.env,
            login="grv_report_user_b",
            groups="base.group_user,crm_relationship.group_crm_relationship_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        product = self.env["product.product"].create({"name": "Shared Lamp"})
        customer = self.env["res.partner"].create({"name": "Lamp Buyer"})
        for company, count in ((company_a, 3), (company_b, 1)):
            for _i in range(count):
                order = (
                    self.env["sale.order"]
                    .with_company(company)
                    .create(
                        {
                            "partner_id": customer.id,
                            "company_id": company.id,
                            "order_line": [Command.create({"product_id": product.id})],
                        }
                    )
                )
                order.action_confirm()
        self.env["crm.relationship.grievance"].with_company(company_b).create(
            {
                "name": "Lamp flickers",
                "partner_id": customer.id,
                "company_id": company_b.id,
                "product_ids": [Command.set(product.ids)],
            }
        )
        self.env.flush_all()
        rows = (
            self.env["crm.relationship.grievance.product.report"]
            .with_user(user_b)
            .search([("product_id", "=", product.id)])
        )
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows.order_count, 1)
        self.assertEqual(rows.complaints_per_100_orders, 100.0)

    def test_rates_are_averaged_never_summed(self):
        """Two grievances about a lamp sold in 4 orders, one about a chair
        sold in 2: 50 and 50 per 100 orders, and 50 over both products (a
        sum would say 150)."""
        customer = self.env["res.partner"].create({"name": "Rate Buyer"})
        lamp, chair = self.env["product.product"].create(
            [{"name": "Rate Lamp"}, {"name": "Rate Chair"}]
        )
        for product, count in ((lamp, 4), (chair, 2)):
            orders = self.env["sale.order"].create(
                [
                    {
                        "partner_id": customer.id,
                        "order_line": [Command.create({"product_id": product.id})],
                    }
                    for _i in range(count)
                ]
            )
            orders.action_confirm()
        self.env["crm.relationship.grievance"].create(
            [
                {
                    "name": name,
                    "partner_id": customer.id,
                    "product_ids": [Command.set(product.ids)],
                }
                for name, product in (
                    ("Lamp flickers", lamp),
                    ("Lamp hums", lamp),
                    ("Chair wobbles", chair),
                )
            ]
        )
        self.env.flush_all()
        Report = self.env["crm.relationship.grievance.product.report"]
        domain = [("product_id", "in", (lamp | chair).ids)]
        by_product = {
            product: (count, rate)
            for product, count, rate in Report._read_group(
                domain,
                ["product_id"],
                ["grievance_count:sum", "complaints_per_100_orders:avg"],
            )
        }
        self.assertEqual(by_product[lamp], (2, 50.0))
        self.assertEqual(by_product[chair], (1, 50.0))
        [(count, rate)] = Report._read_group(
            domain, [], ["grievance_count:sum", "complaints_per_100_orders:avg"]
        )
        self.assertEqual((count, rate), (3, 50.0))
        self.assertEqual(Report._fields["complaints_per_100_orders"].aggregator, "avg")
