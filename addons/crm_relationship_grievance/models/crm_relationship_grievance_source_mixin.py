# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmRelationshipGrievanceSourceMixin(models.AbstractModel):
    """A document a grievance can be about: a sales order, an invoice...

    The inheriting model has ``partner_id`` and ``company_id`` fields and
    names in ``_grievance_field`` the grievance's many2one pointing at it.
    It gets a grievance count (one query for the whole batch), the smart
    button's action and a quick create prefilled from the document.
    """

    _name = "crm.relationship.grievance.source.mixin"
    _description = "Document a Grievance Can Be About"
    _grievance_field = None

    grievance_count = fields.Integer(
        compute="_compute_grievance_count",
        groups="crm_relationship_grievance.group_crm_relationship_grievance_report",
    )

    def _compute_grievance_count(self):
        link = self._grievance_field
        counts = dict(
            self.env["crm.relationship.grievance"]._read_group(
                [(link, "in", self.ids)], [link], ["__count"]
            )
        )
        for document in self:
            document.grievance_count = counts.get(document, 0)

    def _grievance_products(self):
        """The products a new grievance about this document is about."""
        return self.env["product.product"]

    def _grievance_defaults(self):
        self.ensure_one()
        return {
            "default_partner_id": self.partner_id.id,
            f"default_{self._grievance_field}": self.id,
            "default_company_id": self.company_id.id,
            "default_product_ids": self._grievance_products().ids,
        }

    def action_view_grievances(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_for(
            [(self._grievance_field, "=", self.id)], self._grievance_defaults()
        )

    def action_new_grievance(self):
        self.ensure_one()
        return self.env["crm.relationship.grievance"]._action_new(
            self._grievance_defaults()
        )
