# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

CONSENT_CHANNELS = [
    ("email", "Email"),
    ("sms", "SMS"),
    ("phone", "Phone"),
    ("post", "Post"),
]
MANAGER_GROUP = "crm_relationship.group_crm_relationship_manager"
# Clock skew allowed on a statement dated "now".
FUTURE_TOLERANCE = timedelta(minutes=5)
# A statement dated earlier than this before it is recorded is backdated
# (an hour covers a form left open before saving).
BACKDATE_TOLERANCE = timedelta(hours=1)


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
    date_reason = fields.Char(
        string="Reason for the Date",
        help="Why the statement is dated more than an hour before it was "
        "recorded; required then, and only managers may do it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents._check_statement_date()
        consents._log_on_partners()
        return consents

    def write(self, vals):
        res = super().write(vals)
        if "date" in vals:
            self._check_statement_date()
            self._log_on_partners(redated=True)
        return res

    def _check_statement_date(self):
        """A statement is never dated in the future (it would outrank every
        later one); only managers date it in the past, with a reason. The
        superuser (data files, imports run by the system) may backdate."""
        now = fields.Datetime.now()
        for consent in self:
            if consent.date > now + FUTURE_TOLERANCE:
                raise ValidationError(
                    self.env._(
                        "A consent statement cannot be dated in the future (%(date)s).",
                        date=consent.date,
                    )
                )
            if self.env.su or consent.date >= now - BACKDATE_TOLERANCE:
                continue
            if not self.env.user.has_group(MANAGER_GROUP):
                raise AccessError(
                    self.env._(
                        "Only Relationship managers may date a consent statement "
                        "in the past (%(date)s).",
                        date=consent.date,
                    )
                )
            if not (consent.date_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason for dating the consent statement in "
                        "the past (%(date)s).",
                        date=consent.date,
                    )
                )

    def _log_on_partners(self, redated=False):
        """Leave a line in each partner's chatter, the customer's timeline,
        with the date and its reason when the statement is backdated."""
        labels = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in ("channel", "state", "source")
        }
        for consent in self:
            body = self.env._(
                "Consent for %(channel)s: %(state)s (source: %(origin)s)",
                channel=labels["channel"][consent.channel],
                state=labels["state"][consent.state],
                origin=labels["source"][consent.source],
            )
            if redated or consent.date_reason:
                body = self.env._(
                    "%(statement)s, dated %(date)s: %(reason)s",
                    statement=body,
                    date=consent.date,
                    reason=consent.date_reason or self.env._("no reason given"),
                )
            consent.partner_id._message_log(body=body)
