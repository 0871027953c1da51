# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..models.crm_relationship_partner_metrics import MANAGER_GROUP
from ..models.res_company import VALUE_OPTION_FIELDS


class CrmRelationshipValueConfig(models.TransientModel):
    """The customer value options of the current company, for the
    Relationship managers, who cannot open the Settings app (it needs the
    Administration rights). The options are the company's fields, shown
    through related fields; saving the dialog writes them on the current
    company as superuser after the manager check, so the company's own
    constraints (e.g. RFM thresholds rising with the score) validate them."""

    _name = "crm.relationship.value.config"
    _description = "Customer Value Options"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    crm_relationship_value_source = fields.Selection(
        related="company_id.crm_relationship_value_source", readonly=False
    )
    crm_relationship_loyal_frequency = fields.Float(
        related="company_id.crm_relationship_loyal_frequency", readonly=False
    )
    crm_relationship_loyal_tenure_days = fields.Integer(
        related="company_id.crm_relationship_loyal_tenure_days", readonly=False
    )
    crm_relationship_profitable_margin = fields.Float(
        related="company_id.crm_relationship_profitable_margin", readonly=False
    )
    crm_relationship_rfm_method = fields.Selection(
        related="company_id.crm_relationship_rfm_method", readonly=False
    )
    crm_relationship_rfm_r5_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r5_days", readonly=False
    )
    crm_relationship_rfm_r4_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r4_days", readonly=False
    )
    crm_relationship_rfm_r3_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r3_days", readonly=False
    )
    crm_relationship_rfm_r2_days = fields.Integer(
        related="company_id.crm_relationship_rfm_r2_days", readonly=False
    )
    crm_relationship_rfm_f2 = fields.Integer(
        related="company_id.crm_relationship_rfm_f2", readonly=False
    )
    crm_relationship_rfm_f3 = fields.Integer(
        related="company_id.crm_relationship_rfm_f3", readonly=False
    )
    crm_relationship_rfm_f4 = fields.Integer(
        related="company_id.crm_relationship_rfm_f4", readonly=False
    )
    crm_relationship_rfm_f5 = fields.Integer(
        related="company_id.crm_relationship_rfm_f5", readonly=False
    )
    crm_relationship_rfm_m2 = fields.Float(
        related="company_id.crm_relationship_rfm_m2", readonly=False
    )
    crm_relationship_rfm_m3 = fields.Float(
        related="company_id.crm_relationship_rfm_m3", readonly=False
    )
    crm_relationship_rfm_m4 = fields.Float(
        related="company_id.crm_relationship_rfm_m4", readonly=False
    )
    crm_relationship_rfm_m5 = fields.Float(
        related="company_id.crm_relationship_rfm_m5", readonly=False
    )

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only Relationship managers change the customer value options."
                )
            )

    @api.model
    def _split_options(self, vals):
        """Take the company options out of ``vals``: written by
        :meth:`_save_options`, not by the related fields' inverse (which would
        need the rights to write companies)."""
        return {
            fname: vals.pop(fname) for fname in VALUE_OPTION_FIELDS if fname in vals
        }

    def _save_options(self, options):
        """Write the options on the company; invalid ones (the company's
        constraints) raise and leave the company as it was, also for a caller
        that catches the error."""
        if options:
            with self.env.cr.savepoint():
                self.company_id.sudo().write(options)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        options_list = []
        for vals in vals_list:
            options_list.append(self._split_options(vals))
            # always the current company, whatever the client sends
            vals["company_id"] = self.env.company.id
        records = super().create(vals_list)
        for record, options in zip(records, options_list, strict=True):
            record._save_options(options)
        return records

    def write(self, vals):
        self._check_manager()
        vals = dict(vals)
        options = self._split_options(vals)
        vals.pop("company_id", None)
        result = super().write(vals)
        self._save_options(options)
        return result

    def action_save(self):
        """The dialog's *Save*: the client created the record, which wrote the
        options; confirm it."""
        self.ensure_one()
        self._check_manager()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Customer value options saved for %(company)s. The next "
                    "recompute applies them.",
                    company=self.company_id.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_recompute_values(self):
        """Save, then recompute every customer's figures now."""
        self._check_manager()
        self.env["crm.relationship.partner.metrics"].action_recompute_full()
        return self.action_save()
