# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

CONSENT_CHANNELS = [
    ("email", "Email"),
    ("sms", "SMS"),
    ("phone", "Phone"),
    ("post", "Post"),
]


class CrmRelationshipConsent(models.Model):
    """One dated statement of a customer's consent on one channel.

    Consent is never edited in place: a change of mind is a new record, so the
    list of a partner's records is the audit trail that privacy law asks for.
    """

    _name = "crm.relationship.consent"
    _description = "Communication Consent"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="partner_id.company_id",
        store=True,
        index=True,
    )
    channel = fields.Selection(
        CONSENT_CHANNELS,
        required=True,
        help="Channel the statement applies to.",
    )
    state = fields.Selection(
        [("granted", "Granted"), ("withdrawn", "Withdrawn")],
        string="Consent",
        required=True,
        default="granted",
        help="Granted: the contact agreed to be contacted on this channel. "
        "Withdrawn: the contact refused or took back an earlier consent.",
    )
    date = fields.Datetime(
        required=True,
        default=fields.Datetime.now,
        help="When the contact gave or withdrew the consent.",
    )
    source = fields.Selection(
        [
            ("web_form", "Web form"),
            ("email", "Email"),
            ("phone", "Phone call"),
            ("in_person", "In person"),
            ("paper", "Signed paper form"),
            ("import", "Import"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        help="How the statement was collected; keep the proof where the "
        "source is a document.",
    )
    note = fields.Char(help="Reference of the proof, e.g. form number.")

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents._log_on_partners()
        return consents

    def _log_on_partners(self):
        """Leave a line in each partner's chatter, the customer's timeline."""
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("channel", "state", "source")
        }
        for consent in self:
            consent.partner_id._message_log(
                body=self.env._(
                    "Consent for %(channel)s: %(state)s (source: %(origin)s)",
                    channel=labels["channel"][consent.channel],
                    state=labels["state"][consent.state],
                    origin=labels["source"][consent.source],
                )
            )
