# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time

# Marketing email needs the contact's consent (the latest statement of their
# consent log grants it) and an address; the other members are left out.
MAILING_CONSENT = [("consent_email", "=", True), ("email", "!=", False)]

_logger = logging.getLogger(__name__)


class CrmRelationshipSegment(models.Model):
    """A group of customers defined by a rule (a domain on contacts).

    Membership is stored, so that it can filter contacts, be counted and be
    targeted; a refresh (scheduled daily, after the value recompute, or on
    demand) adds and removes members and writes each entry and exit, dated,
    in the segment's history, plus the day's size in the size history.
    """

    _name = "crm.relationship.segment"
    _description = "Customer Segment"
    _inherit = ["mail.thread"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        help="Contacts of this company, and shared contacts, can be members; "
        "value figures in the rule are this company's.",
    )
    domain = fields.Char(
        string="Rule",
        required=True,
        default="[]",
        tracking=True,
        help="Contacts matching this rule are members: e.g. industry, country, "
        "state, zip, age band, language, tags, revenue, RFM segment.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "crm_relationship_segment_partner_rel",
        "segment_id",
        "partner_id",
        string="Members",
        readonly=True,
        copy=False,
        help="Members at the last refresh.",
    )
    member_count = fields.Integer(
        string="Members Count", compute="_compute_member_count"
    )
    mailing_count = fields.Integer(
        string="Reachable by Email",
        compute="_compute_member_count",
        help="Members whose latest email consent statement grants it and who "
        "have an email address: the only ones a mailing to the segment reaches.",
    )
    last_refresh = fields.Datetime(readonly=True, copy=False)
    history_ids = fields.One2many(
        "crm.relationship.segment.history", "segment_id", string="Entries and Exits"
    )

    @api.constrains("domain")
    def _check_domain(self):
        for segment in self:
            try:
                self.env["res.partner"]._search(segment._parsed_domain())
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The rule of %(segment)s is not valid: %(error)s",
                        segment=segment.name,
                        error=error,
                    )
                ) from error

    def _read_format(self, fnames, load="_classic_read"):
        """Members outside the user's own portfolio are not listed."""
        result = super()._read_format(fnames, load=load)
        if "partner_ids" in fnames:
            hidden = self.env["res.partner"]._relationship_hidden_ids(
                list({pid for values in result for pid in values["partner_ids"]})
            )
            if hidden:
                for values in result:
                    values["partner_ids"] = [
                        pid for pid in values["partner_ids"] if pid not in hidden
                    ]
        return result

    def _compute_member_count(self):
        Partner = self.env["res.partner"].with_context(active_test=False)

        def count(domain):
            members = [("relationship_segment_ids", "in", self.ids), *domain]
            groups = Partner._read_group(
                members, ["relationship_segment_ids"], ["__count"]
            )
            return dict(groups)

        counts = count([])
        reachable = count([("active", "=", True), *MAILING_CONSENT])
        for segment in self:
            segment.member_count = counts.get(segment, 0)
            segment.mailing_count = reachable.get(segment, 0)

    def _parsed_domain(self):
        self.ensure_one()
        return safe_eval(
            self.domain or "[]",
            {
                "datetime": datetime,
                "relativedelta": dateutil.relativedelta.relativedelta,
                "time": time,
                "context_today": lambda: fields.Date.context_today(self),
            },
        )

    def _owner_env(self):
        """The environment the rule is evaluated in: its owner's rights (who
        created the segment), in the segment's company only, so that a rule
        on orders or any other records sees only what the owner sees in that
        company. None when the owner has no access to the company any more."""
        self.ensure_one()
        owner = self.create_uid or self.env.ref("base.user_root")
        if not owner._is_superuser() and self.company_id not in owner.company_ids:
            return None
        return self.env(
            user=owner,
            su=False,
            context=dict(
                self.env.context,
                allowed_company_ids=self.company_id.ids,
            ),
        )

    def _target_query(self, env):
        """SQL of the ids of the contacts matching the rule, in ``env``."""
        self.ensure_one()
        Partner = env["res.partner"]
        query = Partner._search(
            [
                *self._parsed_domain(),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            order="id",  # not the partners' default order by name: no sort
        )
        return query.select(SQL.identifier("res_partner", "id"))

    def action_refresh(self):
        self.check_access("write")
        self._refresh_members()
        return True

    @api.model
    def _cron_refresh(self):
        self.sudo().search([("active", "=", True)])._refresh_members()

    def _refresh_members(self):
        """Diff the rule's result against the stored members, in SQL.

        Members live in the add-on's own relation table: one statement per
        segment adds the entries, removes the exits and writes both, dated,
        in the history, without loading the ids into Python.
        """
        self.env["res.partner"].flush_model()
        self.env["crm.relationship.partner.metrics"].flush_model()
        self.flush_model()
        self.env["crm.relationship.segment.history"].flush_model()
        today = fields.Date.context_today(self)
        now = self.env.cr.now()
        for segment in self.sudo():
            env = segment._owner_env()
            if env is None:
                _logger.warning(
                    "Segment %s not refreshed: its owner %s has no access to %s.",
                    segment.id,
                    segment.create_uid.login,
                    segment.company_id.name,
                )
                continue
            self.env.cr.execute(
                SQL(
                    """
                    WITH target AS (%(target)s),
                    current AS (
                        SELECT partner_id FROM crm_relationship_segment_partner_rel
                         WHERE segment_id = %(segment)s
                    ),
                    entries AS (
                        INSERT INTO crm_relationship_segment_partner_rel
                            (segment_id, partner_id)
                        SELECT %(segment)s, target.id FROM target
                         WHERE NOT EXISTS (SELECT 1 FROM current
                                            WHERE current.partner_id = target.id)
                        ON CONFLICT DO NOTHING
                        RETURNING partner_id
                    ),
                    exits AS (
                        DELETE FROM crm_relationship_segment_partner_rel rel
                         WHERE rel.segment_id = %(segment)s
                           AND NOT EXISTS (SELECT 1 FROM target
                                            WHERE target.id = rel.partner_id)
                        RETURNING partner_id
                    ),
                    moves AS (
                        INSERT INTO crm_relationship_segment_history
                            (segment_id, partner_id, company_id, date, event)
                        SELECT %(segment)s, partner_id, %(company)s, %(day)s,
                               event
                          FROM (SELECT partner_id, 'entry' AS event FROM entries
                                UNION ALL
                                SELECT partner_id, 'exit' FROM exits) AS moves
                    ),
                    snapshot AS (
                        INSERT INTO crm_relationship_segment_snapshot AS s
                            (segment_id, company_id, date, member_count,
                             create_uid, create_date, write_uid, write_date)
                        SELECT %(segment)s, %(company)s, %(day)s, COUNT(*),
                               %(uid)s, %(now)s, %(uid)s, %(now)s
                          FROM target
                        ON CONFLICT (segment_id, date) DO UPDATE
                           SET member_count = EXCLUDED.member_count,
                               write_date = EXCLUDED.write_date
                    )
                    SELECT 1
                    """,
                    target=segment._target_query(env),
                    segment=segment.id,
                    company=segment.company_id.id,
                    day=today,
                    uid=self.env.uid,
                    now=now,
                )
            )
            segment.last_refresh = fields.Datetime.now()
        # the relation and the histories changed under the ORM's feet
        self.invalidate_model(["partner_ids", "history_ids"])
        self.env["res.partner"].invalidate_model(["relationship_segment_ids"])
        self.env["crm.relationship.segment.history"].invalidate_model()
        self.env["crm.relationship.segment.snapshot"].invalidate_model()

    def _mailing_domain(self):
        """Members a mailing to the segment may reach."""
        self.ensure_one()
        return [("relationship_segment_ids", "in", self.ids), *MAILING_CONSENT]

    def action_send_mail(self):
        """Odoo's mass-mail composer on the members who consent to email.

        The composer keeps the rule as a domain and searches it when sending,
        so a segment of any size fits and a member who withdrew consent in
        between is not written to.
        """
        self.ensure_one()
        if not self.mailing_count:
            raise UserError(
                self.env._(
                    "No member of %(segment)s consents to email and has an email "
                    "address: an email would reach nobody.",
                    segment=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Email %(segment)s", segment=self.name),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_composition_mode": "mass_mail",
                "default_model": "res.partner",
                "default_res_domain": repr(self._mailing_domain()),
            },
        }

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship.res_partner_action_customers"
        )
        action["domain"] = [("relationship_segment_ids", "in", self.ids)]
        action["context"] = {"create": False}
        action["display_name"] = self.name
        return action
