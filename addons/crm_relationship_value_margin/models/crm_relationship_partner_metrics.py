# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools import SQL


class CrmRelationshipPartnerMetrics(models.Model):
    _inherit = "crm.relationship.partner.metrics"

    def _sale_margin_sql(self, revenue, cost, rate):
        """The margin of Sales Margin: the cost at order time, in the order's
        currency."""
        return SQL("sol.margin"), SQL("COALESCE(costs.value, 0) / %s", rate)
