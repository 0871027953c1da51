# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class LoyaltyGenerateWizard(models.TransientModel):
    _inherit = "loyalty.generate.wizard"

    def generate_coupons(self):
        # the wizard books the granted points itself, as a history line: the
        # cards it creates need no opening balance
        return super(
            LoyaltyGenerateWizard, self.with_context(crm_loyalty_no_opening=True)
        ).generate_coupons()
