# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tools import SQL
from odoo.tools.safe_eval import datetime, dateutil, safe_eval, time


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

    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("relationship_segment_ids", "in", self.ids)],
                ["relationship_segment_ids"],
                ["__count"],
            )
        )
        for segment in self:
            segment.member_count = counts.get(segment, 0)

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

    def _target_partner_ids(self):
        self.ensure_one()
        Partner = self.env["res.partner"].sudo().with_company(self.company_id)
        query = Partner._search(
            [
                *self._parsed_domain(),
                ("company_id", "in", [self.company_id.id, False]),
            ],
            order="id",  # not the partners' default order by name: no sort
        )
        self.env.cr.execute(query.select(SQL.identifier("res_partner", "id")))
        return {row[0] for row in self.env.cr.fetchall()}

    def action_refresh(self):
        self.check_access("write")
        self._refresh_members()
        return True

    @api.model
    def _cron_refresh(self):
        self.sudo().search([("active", "=", True)])._refresh_members()

    def _refresh_members(self):
        """Diff the rule's result against the stored members, in batches."""
        self.env["res.partner"].flush_model()
        self.env["crm.relationship.partner.metrics"].flush_model()
        self.flush_model()
        today = fields.Date.context_today(self)
        for segment in self.sudo():
            target = segment._target_partner_ids()
            self.env.cr.execute(
                """SELECT partner_id FROM crm_relationship_segment_partner_rel
                    WHERE segment_id = %s""",
                [segment.id],
            )
            current = {row[0] for row in self.env.cr.fetchall()}
            entries, exits = sorted(target - current), sorted(current - target)
            if entries or exits:
                segment.write(
                    {
                        "partner_ids": [Command.link(pid) for pid in entries]
                        + [Command.unlink(pid) for pid in exits]
                    }
                )
                segment._log_moves(today, entries, exits)
            segment._snapshot(today, len(target))
            segment.last_refresh = fields.Datetime.now()

    def _log_moves(self, day, entries, exits):
        """History of the add-on's own table: one INSERT for all moves."""
        self.ensure_one()
        History = self.env["crm.relationship.segment.history"]
        History.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_relationship_segment_history
                    (segment_id, partner_id, company_id, date, event,
                     create_uid, create_date, write_uid, write_date)
                SELECT %(segment)s, moves.partner_id, %(company)s, %(day)s,
                       moves.event, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM (SELECT unnest(%(entries)s::int[]) AS partner_id,
                               'entry' AS event
                        UNION ALL
                        SELECT unnest(%(exits)s::int[]), 'exit') AS moves
                """,
                segment=self.id,
                company=self.company_id.id,
                day=day,
                entries=entries,
                exits=exits,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        History.invalidate_model()

    def _snapshot(self, day, size):
        self.ensure_one()
        Snapshot = self.env["crm.relationship.segment.snapshot"]
        Snapshot.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_relationship_segment_snapshot AS s
                    (segment_id, company_id, date, member_count,
                     create_uid, create_date, write_uid, write_date)
                VALUES (%(segment)s, %(company)s, %(day)s, %(size)s,
                        %(uid)s, %(now)s, %(uid)s, %(now)s)
                ON CONFLICT (segment_id, date) DO UPDATE
                   SET member_count = EXCLUDED.member_count,
                       write_date = EXCLUDED.write_date
                """,
                segment=self.id,
                company=self.company_id.id,
                day=day,
                size=size,
                uid=self.env.uid,
                now=self.env.cr.now(),
            )
        )
        Snapshot.invalidate_model()

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship.res_partner_action_customers"
        )
        action["domain"] = [("relationship_segment_ids", "in", self.ids)]
        action["context"] = {"create": False}
        action["display_name"] = self.name
        return action
