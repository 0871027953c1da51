# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools

from odoo.addons.crm_relationship_grievance.report import (
    crm_relationship_grievance_report as grievance_report,
)


class CrmRelationshipGrievanceProductReport(models.Model):
    """One row per grievance and product it is about.

    ``complaints_per_100_orders`` is, on each row, the product's number of
    grievances (all of them, of the row's company) per 100 confirmed sales
    orders of that company containing it: its average over a product's rows
    is the product's rate, and over several products their mean rate
    weighted by their grievances; never a sum.
    """

    _name = "crm.relationship.grievance.product.report"
    _description = "Grievances by Product"
    _auto = False
    _order = "date_received desc"
    _rec_name = "product_id"

    grievance_id = fields.Many2one("crm.relationship.grievance", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    product_categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    category_id = fields.Many2one("crm.relationship.grievance.category", readonly=True)
    channel_id = fields.Many2one("crm.relationship.grievance.channel", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    date_received = fields.Datetime(string="Received On", readonly=True)
    sla_status = fields.Selection(
        grievance_report.SLA_STATUS_ORDERED,
        string="SLA Status",
        readonly=True,
    )
    grievance_count = fields.Integer(
        string="Grievances",
        aggregator="sum",
        readonly=True,
        help="Grievances about the product.",
    )
    order_count = fields.Integer(
        string="Orders of the Product",
        aggregator="max",
        readonly=True,
        help="Confirmed sales orders of the grievance's company that contain "
        "the product.",
    )
    complaints_per_100_orders = fields.Float(
        string="Grievances per 100 Orders",
        aggregator="avg",
        readonly=True,
        help="Grievances about the product, all dates, for every 100 confirmed "
        "orders containing it; over several products, their mean rate "
        "weighted by their grievances.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE OR REPLACE VIEW {self._table} AS (
                WITH orders AS (
                    SELECT line.product_id, so.company_id,
                           count(DISTINCT line.order_id) AS order_count
                      FROM sale_order_line line
                      JOIN sale_order so ON so.id = line.order_id
                     WHERE so.state = 'sale' AND line.product_id IS NOT NULL
                     GROUP BY line.product_id, so.company_id
                )
                SELECT row_number() OVER (
                           ORDER BY rel.grievance_id, rel.product_id
                       ) AS id,
                       rel.grievance_id,
                       rel.product_id,
                       tmpl.categ_id AS product_categ_id,
                       g.category_id,
                       g.channel_id,
                       g.team_id,
                       g.commercial_partner_id,
                       g.company_id,
                       g.date_received,
                       CASE g.sla_status WHEN 'on_track' THEN '1_on_track'
                                           WHEN 'at_risk' THEN '2_at_risk'
                                           WHEN 'breached' THEN '3_breached'
                       END AS sla_status,
                       1 AS grievance_count,
                       coalesce(orders.order_count, 0) AS order_count,
                       CASE WHEN orders.order_count > 0
                            THEN 100.0 * count(*) OVER (
                                PARTITION BY rel.product_id, g.company_id
                            ) / orders.order_count END
                           AS complaints_per_100_orders
                  FROM crm_relationship_grievance_product_rel rel
                  JOIN crm_relationship_grievance g ON g.id = rel.grievance_id
                  JOIN product_product pp ON pp.id = rel.product_id
                  JOIN product_template tmpl ON tmpl.id = pp.product_tmpl_id
             LEFT JOIN orders ON orders.product_id = rel.product_id
                                AND orders.company_id = g.company_id
                 WHERE g.active
            )
            """
        )
