# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _mailing_get_opt_out_list(self, mailing):
        """Email addresses of the mailing's contacts who do not consent to
        email (no statement, or the latest one withdraws it): the mailing
        skips them as opted out, whatever its recipients' domain."""
        silent = self.search_fetch(
            expression.AND(
                [mailing._get_recipients_domain(), [("consent_email", "=", False)]]
            ),
            ["email_normalized"],
        )
        return set(silent.mapped("email_normalized")) - {False}
