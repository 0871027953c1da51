# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, format_date

from .field_guard import written_labels

_logger = logging.getLogger(__name__)

# Kept by the assessment and the manager's Set Tier dialog (as superuser): no
# user sets them through create or write.
TIER_FIELDS = {
    "tier_id",
    "tier_date",
    "tier_manual",
    "tier_manual_reason",
    "tier_manual_date_to",
    "tier_downgrade_date",
    "tier_downgrade_to_id",
}


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    tier_id = fields.Many2one(
        "crm.relationship.loyalty.tier",
        index=True,
        readonly=True,
        tracking=True,
        ondelete="set null",
    )
    tier_date = fields.Date(string="Tier Since", readonly=True)
    tier_manual = fields.Boolean(
        string="Manual Tier",
        readonly=True,
        help="Set by a manager: the assessment leaves it until its end date.",
    )
    tier_manual_reason = fields.Char(string="Manual Tier Reason", readonly=True)
    tier_manual_date_to = fields.Date(string="Manual Tier Until", readonly=True)
    tier_downgrade_date = fields.Date(
        string="Downgrade On",
        readonly=True,
        help="The assessment found the member below the tier: the downgrade "
        "takes effect on this date unless the member qualifies again.",
    )
    tier_downgrade_to_id = fields.Many2one(
        "crm.relationship.loyalty.tier", string="Downgrade To", readonly=True
    )
    tier_history_ids = fields.One2many(
        "crm.relationship.loyalty.tier.history", "card_id"
    )
    tier_color = fields.Integer(related="tier_id.color")
    qualifying_points = fields.Float(compute="_compute_tier_progress")
    qualifying_amount = fields.Monetary(
        string="Qualifying Spend", compute="_compute_tier_progress"
    )
    next_tier_id = fields.Many2one(
        "crm.relationship.loyalty.tier", compute="_compute_tier_progress"
    )
    tier_progress = fields.Float(
        string="Progress to Next Tier",
        compute="_compute_tier_progress",
        help="Share of the next tier's threshold reached, in percent.",
    )
    tier_progress_text = fields.Char(
        string="Progress", compute="_compute_tier_progress"
    )
    award_ids = fields.One2many(
        "loyalty.history",
        "card_id",
        string="Expiry Schedule",
        domain=[("available_issued_points", ">", 0)],
        readonly=True,
    )
    points_expiring_soon = fields.Float(compute="_compute_points_expiring")
    points_expiring_date = fields.Date(compute="_compute_points_expiring")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _qualifying_figures(self, program, today, card_ids=None):
        """``{card id: qualifying value}`` for the window containing
        ``today``, by one grouped query on the award ledger."""
        start = program._qualification_start(today)
        end = program._qualification_end(today)
        column = (
            "qualifying_amount"
            if program.tier_basis == "spend"
            else ("qualifying_points")
        )
        self.env["loyalty.history"].flush_model(
            ["card_id", "date", "qualifying_points", "qualifying_amount"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT h.card_id, COALESCE(SUM(h.%(column)s), 0)
                     FROM loyalty_history h
                     JOIN loyalty_card c ON c.id = h.card_id
                    WHERE c.program_id = %(program)s
                      AND h.date BETWEEN %(start)s AND %(end)s
                      %(cards)s
                 GROUP BY h.card_id""",
                column=SQL.identifier(column),
                program=program.id,
                start=start,
                end=end,
                cards=SQL("AND h.card_id = ANY(%s)", list(card_ids))
                if card_ids is not None
                else SQL(),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.depends("tier_id", "program_id", "history_ids")
    def _compute_tier_progress(self):
        today = fields.Date.context_today(self)
        by_program = defaultdict(lambda: self.env["loyalty.card"])
        for card in self:
            by_program[card.program_id] |= card
        for program, cards in by_program.items():
            program = program.sudo()
            if not program or not program.tier_ids or not cards.ids:
                cards.update(
                    {
                        "qualifying_points": 0.0,
                        "qualifying_amount": 0.0,
                        "next_tier_id": False,
                        "tier_progress": 0.0,
                        "tier_progress_text": False,
                    }
                )
                continue
            points = self.sudo()._read_group_window(program, today, cards.ids)
            end = program._qualification_end(today)
            for card in cards:
                card_points, card_amount = points.get(card.id, (0.0, 0.0))
                card.qualifying_points = card_points
                card.qualifying_amount = card_amount
                value = card_amount if program.tier_basis == "spend" else card_points
                higher = program.tier_ids.filtered(
                    lambda t, card=card, value=value: (
                        t.threshold > value
                        and (not card.tier_id or t.threshold > card.tier_id.threshold)
                    )
                )
                card.next_tier_id = higher[:1]
                if not higher:
                    card.tier_progress = 100.0 if card.tier_id else 0.0
                    card.tier_progress_text = False
                    continue
                target = higher[0]
                card.tier_progress = min(100.0, 100.0 * value / target.threshold)
                missing = target.threshold - value
                card.tier_progress_text = self.env._(
                    "%(missing)s to %(tier)s by %(date)s",
                    missing=program.currency_id.format(missing)
                    if program.tier_basis == "spend"
                    else card._format_points(missing),
                    tier=target.name,
                    date=format_date(self.env, end),
                )

    @api.model
    def _read_group_window(self, program, today, card_ids):
        rows = self.env["loyalty.history"]._read_group(
            [
                ("card_id", "in", card_ids),
                ("date", ">=", program._qualification_start(today)),
                ("date", "<=", program._qualification_end(today)),
            ],
            ["card_id"],
            ["qualifying_points:sum", "qualifying_amount:sum"],
        )
        return {card.id: (pts, amount) for card, pts, amount in rows}

    @api.depends("history_ids.available_issued_points", "program_id")
    def _compute_points_expiring(self):
        today = fields.Date.context_today(self)
        rows = self.env["loyalty.history"]._read_group(
            [
                ("card_id", "in", self.ids),
                ("available_issued_points", ">", 0),
                ("expiration_date", "!=", False),
            ],
            ["card_id"],
            ["expiration_date:min"],
        )
        first = {card.id: day for card, day in rows}
        soon = {}
        for card in self:
            days = card.program_id.sudo().expiry_reminder_days or 30
            soon[card.id] = today + relativedelta(days=days)
        amounts = defaultdict(float)
        if self.ids:
            for line in (
                self.env["loyalty.history"]
                .sudo()
                .search(
                    [
                        ("card_id", "in", self.ids),
                        ("available_issued_points", ">", 0),
                        ("expiration_date", "!=", False),
                    ]
                )
            ):
                if line.expiration_date <= soon[line.card_id.id]:
                    amounts[line.card_id.id] += line.available_issued_points
        for card in self:
            card.points_expiring_soon = amounts.get(card.id, 0.0)
            card.points_expiring_date = first.get(card.id, False)

    # ------------------------------------------------------------------
    # Ledger
    # ------------------------------------------------------------------
    def _crm_tracked(self):
        """Cards whose points are kept per award (loyalty programs)."""
        return self.filtered(lambda c: c.program_id.program_type == "loyalty")

    def _crm_check_tier_fields(self, vals_list, create=False):
        """Tiers are earned, or set by a manager with the Set Tier dialog."""
        if self.env.su:
            return
        protected = written_labels(self, TIER_FIELDS, vals_list, create)
        if protected:
            raise AccessError(
                self.env._(
                    "%(fields)s of a loyalty card are kept by the tier "
                    "assessment; a Relationship manager uses Set Tier.",
                    fields=", ".join(protected),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_tier_fields(vals_list, create=True)
        cards = super().create(vals_list)
        if self.env.context.get("crm_loyalty_no_opening"):
            return cards
        opening = [
            {
                "card_id": card.id,
                "description": self.env._("Opening balance"),
                "issued": card.points if card.points > 0 else 0.0,
                "used": -card.points if card.points < 0 else 0.0,
                "movement_type": "adjustment",
            }
            for card in cards._crm_tracked()
            if card.points
        ]
        if opening:
            self.env["loyalty.history"].sudo().create(opening)
        return cards

    def write(self, vals):
        self._crm_check_tier_fields([vals])
        return super().write(vals)

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------
    def _set_tier(self, tier, cause, today=None, reason=False, log=True):
        """Move these cards to ``tier`` (same program), write the history and
        a chatter note on each card and each customer. Batched: one history
        create, one write, two batch logs."""
        today = today or fields.Date.context_today(self)
        cards = self.filtered(lambda c: c.tier_id != tier)
        if not cards:
            return
        History = self.env["crm.relationship.loyalty.tier.history"].sudo()
        History.create(
            [
                {
                    "card_id": card.id,
                    "tier_from_id": card.tier_id.id,
                    "tier_to_id": tier.id,
                    "date": today,
                    "cause": cause,
                    "reason": reason,
                }
                for card in cards
            ]
        )
        old = {card.id: card.tier_id for card in cards}
        cards.sudo().with_context(tracking_disable=True).write(
            {
                "tier_id": tier.id,
                "tier_date": today,
                "tier_downgrade_date": False,
                "tier_downgrade_to_id": False,
            }
        )
        if not log:
            return
        causes = dict(
            self.env["crm.relationship.loyalty.tier.history"]
            ._fields["cause"]
            ._description_selection(self.env)
        )
        bodies = {}
        partner_bodies = {}
        # a few distinct notes for thousands of changes: each is built once
        texts = {}
        for card in cards:
            key = (card.program_id, old[card.id])
            if key not in texts:
                texts[key] = Markup("%s") % self.env._(
                    "Loyalty tier (%(program)s): %(old)s → %(new)s "
                    "(%(cause)s)%(reason)s",
                    program=card.program_id.name,
                    old=old[card.id].name or self.env._("none"),
                    new=tier.name or self.env._("none"),
                    cause=causes[cause],
                    reason=f": {reason}" if reason else "",
                )
            body = texts[key]
            bodies[card.id] = body
            if card.partner_id:
                partner_bodies[card.partner_id.id] = body
        cards.sudo()._message_log_batch(bodies=bodies)
        if partner_bodies:
            self.env["res.partner"].sudo().browse(
                list(partner_bodies)
            )._message_log_batch(bodies=partner_bodies)

    def _check_tier_upgrade(self, today=None):
        """Upgrade at once the cards whose qualifying figures reach a higher
        tier (called when qualifying points arrive, e.g. on confirmation)."""
        today = today or fields.Date.context_today(self)
        for program in self.program_id.filtered("tier_ids"):
            cards = self.filtered(
                lambda c, program=program: c.program_id == program and not c.tier_manual
            )
            figures = self._qualifying_figures(program, today, cards.ids)
            ranks = {tier.id: i for i, tier in enumerate(program.tier_ids)}
            moves = defaultdict(lambda: self.env["loyalty.card"])
            for card in cards:
                qualified = program._tier_for(figures.get(card.id, 0.0))
                if not qualified:
                    continue
                if ranks[qualified.id] > ranks.get(card.tier_id.id, -1):
                    moves[qualified] |= card
                elif card.tier_downgrade_date and ranks[qualified.id] >= ranks.get(
                    card.tier_id.id, -1
                ):
                    # qualifies again during the grace period
                    card.write(
                        {"tier_downgrade_date": False, "tier_downgrade_to_id": False}
                    )
            for tier, moving in moves.items():
                moving._set_tier(tier, "upgrade", today=today)

    @api.model
    def _apply_due_downgrades(self, today, programs=None):
        domain = [
            ("tier_downgrade_date", "!=", False),
            ("tier_downgrade_date", "<=", today),
            ("tier_manual", "=", False),
        ]
        if programs:
            domain.append(("program_id", "in", programs.ids))
        due = self.search(domain)
        groups = defaultdict(list)
        for card in due:
            groups[card.tier_downgrade_to_id].append(card.id)
        for tier, card_ids in groups.items():
            self.browse(card_ids)._set_tier(tier, "downgrade", today=today)

    @api.model
    def _end_manual_tiers(self, today):
        ended = self.search(
            [
                ("tier_manual", "=", True),
                ("tier_manual_date_to", "!=", False),
                ("tier_manual_date_to", "<", today),
            ]
        )
        if not ended:
            return
        ended.write(
            {
                "tier_manual": False,
                "tier_manual_reason": False,
                "tier_manual_date_to": False,
            }
        )
        for program in ended.program_id:
            cards = ended.filtered(lambda c, program=program: c.program_id == program)
            figures = self._qualifying_figures(program, today, cards.ids)
            groups = defaultdict(list)
            for card in cards:
                groups[program._tier_for(figures.get(card.id, 0.0))].append(card.id)
            for tier, card_ids in groups.items():
                self.browse(card_ids)._set_tier(tier, "manual_end", today=today)

    def action_set_tier(self):
        if not self.env.user.has_group(
            "crm_relationship.group_crm_relationship_manager"
        ):
            raise AccessError(
                self.env._("Only Relationship managers set a tier by hand.")
            )
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Set Tier"),
            "res_model": "crm.relationship.loyalty.set.tier",
            "view_mode": "form",
            "target": "new",
            "context": {"default_card_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    @api.model
    def _balance_mismatches(self, card_ids=None):
        """Cards of loyalty programs whose balance differs from their awards'
        remaining points less their debts: ``[(card id, balance, ledger)]``."""
        for model in ("loyalty.card", "loyalty.history", "loyalty.point.track"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT c.id, c.points, COALESCE(a.available, 0) + COALESCE(d.debt, 0)
                     FROM loyalty_card c
                     JOIN loyalty_program p ON p.id = c.program_id
                LEFT JOIN (SELECT card_id, SUM(available_issued_points) AS available
                             FROM loyalty_history
                            WHERE available_issued_points > 0
                         GROUP BY card_id) a ON a.card_id = c.id
                LEFT JOIN (SELECT card_id, SUM(points) AS debt
                             FROM loyalty_point_track
                            WHERE issuer_line_id IS NULL
                         GROUP BY card_id) d ON d.card_id = c.id
                    WHERE p.program_type = 'loyalty'
                      %s
                      AND ABS(c.points - COALESCE(a.available, 0)
                              - COALESCE(d.debt, 0)) > 0.005""",
                SQL("AND c.id = ANY(%s)", list(card_ids)) if card_ids else SQL(),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _cron_check_balances(self):
        """Nightly: log every card whose balance drifted from its awards."""
        mismatches = self.sudo()._balance_mismatches()
        for card_id, balance, ledger in mismatches[:100]:
            _logger.warning(
                "Loyalty card %s: balance %s but its awards hold %s",
                card_id,
                balance,
                ledger,
            )
        if mismatches:
            _logger.warning("Loyalty balances: %s cards drifted", len(mismatches))
        return len(mismatches)

    # ------------------------------------------------------------------
    # Expiring-soon reminder
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_expiry_reminders(self):
        """Tell the customers who consent to email, N days before, how many
        points expire and when. Each award is announced once."""
        today = fields.Date.context_today(self)
        History = self.env["loyalty.history"].sudo()
        programs = (
            self.env["loyalty.program"]
            .sudo()
            .search(
                [
                    ("program_type", "=", "loyalty"),
                    ("points_expiry", "!=", "never"),
                    ("expiry_reminder_days", ">", 0),
                    ("expiry_mail_template_id", "!=", False),
                ]
            )
        )
        sent = 0
        for program in programs:
            horizon = today + relativedelta(days=program.expiry_reminder_days)
            awards = History.search(
                [
                    ("card_id.program_id", "=", program.id),
                    ("available_issued_points", ">", 0),
                    ("expiration_date", ">=", today),
                    ("expiration_date", "<=", horizon),
                    ("expiry_reminder_sent", "=", False),
                ]
            )
            cards = awards.card_id.filtered(
                lambda c: c.partner_id.consent_email and c.partner_id.email
            )
            for card in cards:
                program.expiry_mail_template_id.send_mail(
                    card.id, email_layout_xmlid="mail.mail_notification_light"
                )
            sent += len(cards)
            awards.write({"expiry_reminder_sent": True})
        return sent
