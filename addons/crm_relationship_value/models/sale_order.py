# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .res_partner import check_search_access, domain_field_names


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # Not stored: a customer's new level would rewrite all its orders. The
    # ORM still searches, groups and sorts on it, through a join on the
    # customer, so the sales lists show Key customers first.
    relationship_priority = fields.Selection(
        related="partner_id.relationship_priority",
        string="Customer Priority",
        tracking=False,  # a related field inherits it; the partner logs changes
        help="Priority of the customer; group the sales orders by it to see "
        "Key customers first, then Priority, then Standard.",
    )
    relationship_segment_ids = fields.Many2many(
        related="partner_id.commercial_partner_id.relationship_segment_ids",
        string="Customer Segments",
        groups="crm_relationship.group_crm_relationship_user",
        # searched with the user's rights: the segments of customers outside
        # an own portfolio match nothing (see res.partner)
        related_sudo=False,
        help="Segments of the customer (the company of the contact ordering).",
    )

    @api.model
    def _where_calc(self, domain, active_test=True):
        check_search_access(self, domain_field_names(domain))
        return super()._where_calc(domain, active_test=active_test)

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        if "relationship_segment_ids" in fnames:
            hidden = self.env["res.partner"]._relationship_hidden_ids(
                self.sudo().partner_id.commercial_partner_id.ids
            )
            if hidden:
                customers = {
                    order.id: order.partner_id.commercial_partner_id.id
                    for order in self.sudo()
                }
                for values in result:
                    if customers.get(values["id"]) in hidden:
                        values["relationship_segment_ids"] = []
        return result

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        check_search_access(self, [fname])
        return super()._field_to_sql(alias, fname, query=query, flush=flush)
