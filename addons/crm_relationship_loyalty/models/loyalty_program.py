# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import calendar
from bisect import bisect_right
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    tier_ids = fields.One2many(
        "crm.relationship.loyalty.tier", "program_id", string="Tiers"
    )
    tier_basis = fields.Selection(
        [("points", "Qualifying points"), ("spend", "Qualifying spend")],
        default="points",
        required=True,
        help="What the tier thresholds count: the points earned on confirmed "
        "orders, or the untaxed amount of those orders. Redemptions never "
        "lower them; returns do.",
    )
    qualification_window = fields.Selection(
        [("calendar", "Calendar year"), ("rolling", "Rolling months")],
        default="calendar",
        required=True,
    )
    qualification_reset_month = fields.Integer(
        string="Reset Month",
        default=1,
        help="With a calendar year: the month (1-12) of the reset date.",
    )
    qualification_reset_day = fields.Integer(
        string="Reset Day", default=1, help="The day of the month of the reset date."
    )
    qualification_months = fields.Integer(
        string="Window (months)",
        default=12,
        help="With rolling months: the qualifying points of the last N months.",
    )
    tier_next_assessment_date = fields.Date(
        string="Next Assessment",
        help="The periodic assessment that may downgrade members: on the reset "
        "date with a calendar year, on the first of each month with rolling "
        "months.",
    )
    tier_downgrade_steps = fields.Integer(
        string="Downgrade Steps",
        default=1,
        help="A member loses at most this many tiers at one assessment.",
    )
    tier_grace_days = fields.Integer(
        string="Grace Period (days)",
        default=0,
        help="Days after the assessment before a downgrade takes effect; a "
        "member who qualifies again in the meantime keeps the tier.",
    )
    points_expiry = fields.Selection(
        [
            ("never", "Never"),
            ("months", "Months after the award"),
            ("year_end", "End of the year after the award"),
        ],
        string="Points Expire",
        default="never",
        required=True,
    )
    expire_after_months = fields.Integer(
        string="Expire After (months)",
        default=12,
        help="Points awarded on a day expire this many months later. (Odoo's "
        "development branch counts its `expire_after` in days.)",
    )
    expiry_reminder_days = fields.Integer(
        string="Reminder (days before)",
        default=30,
        help="Customers who consent to email are told this many days before "
        "their points expire. 0: no reminder.",
    )
    expiry_mail_template_id = fields.Many2one(
        "mail.template",
        string="Reminder Email",
        domain="[('model', '=', 'loyalty.card')]",
        default=lambda self: self.env.ref(
            "crm_relationship_loyalty.mail_template_points_expiring",
            raise_if_not_found=False,
        ),
    )
    tier_count = fields.Integer(compute="_compute_tier_count")

    @api.constrains(
        "qualification_reset_month",
        "qualification_reset_day",
        "qualification_months",
        "expire_after_months",
        "tier_downgrade_steps",
        "tier_grace_days",
        "expiry_reminder_days",
    )
    def _check_tier_settings(self):
        for program in self:
            if not 1 <= program.qualification_reset_month <= 12 or not (
                1
                <= program.qualification_reset_day
                <= calendar.monthrange(2001, program.qualification_reset_month)[1]
            ):
                raise ValidationError(self.env._("The reset date is not a valid day."))
            if program.qualification_months < 1 or program.expire_after_months < 1:
                raise ValidationError(
                    self.env._("The window and the expiry need at least one month.")
                )
            if (
                program.tier_downgrade_steps < 1
                or program.tier_grace_days < 0
                or program.expiry_reminder_days < 0
            ):
                raise ValidationError(
                    self.env._(
                        "Downgrade steps must be at least 1; grace and reminder "
                        "days cannot be negative."
                    )
                )

    def _compute_tier_count(self):
        for program in self:
            program.tier_count = len(program.tier_ids)

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------
    def _points_expiration_date(self, award_date):
        """Last day on which points awarded on ``award_date`` can be spent."""
        self.ensure_one()
        if self.points_expiry == "months":
            return award_date + relativedelta(months=self.expire_after_months, days=-1)
        if self.points_expiry == "year_end":
            return date(award_date.year + 1, 12, 31)
        return False

    def _qualification_start(self, today):
        """First day of the qualification window that contains ``today``."""
        self.ensure_one()
        if self.qualification_window == "rolling":
            return (
                today
                - relativedelta(months=self.qualification_months)
                + relativedelta(days=1)
            )
        reset = date(
            today.year, self.qualification_reset_month, self.qualification_reset_day
        )
        return reset if reset <= today else reset - relativedelta(years=1)

    def _qualification_end(self, today):
        """Last day of the window: the day before the next reset."""
        self.ensure_one()
        if self.qualification_window == "rolling":
            return today
        return self._qualification_start(today) + relativedelta(years=1, days=-1)

    def _next_assessment_date(self, today):
        self.ensure_one()
        if self.qualification_window == "rolling":
            return today + relativedelta(months=1, day=1)
        return self._qualification_start(today) + relativedelta(years=1)

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------
    def _tier_for(self, value):
        """Highest active tier whose threshold ``value`` reaches."""
        self.ensure_one()
        reached = self.tier_ids.filtered(lambda t: t.threshold <= value + 1e-6)
        return reached[-1:] if reached else self.env["crm.relationship.loyalty.tier"]

    @api.model
    def _cron_assess_tiers(self):
        """Daily: assess the programs whose assessment day has come, and
        carry out the downgrades whose grace period has ended."""
        today = fields.Date.context_today(self)
        programs = self.sudo().search(
            [("program_type", "=", "loyalty"), ("tier_ids", "!=", False)]
        )
        for program in programs:
            if not program.tier_next_assessment_date:
                program.tier_next_assessment_date = program._next_assessment_date(today)
            elif program.tier_next_assessment_date <= today:
                program._assess_tiers(today)
                program.tier_next_assessment_date = program._next_assessment_date(today)
        self.env["loyalty.card"].sudo()._apply_due_downgrades(today)
        self.env["loyalty.card"].sudo()._end_manual_tiers(today)

    def _assess_tiers(self, today=None, cause="upgrade"):
        """Periodic assessment of every member: upgrades those who qualify
        for more, plans the downgrade (after the grace period, at most the
        configured steps) of those below their tier. Set-based: one query for
        the qualifying figures of all the program's cards."""
        self.ensure_one()
        if not (
            self.env.su
            or self.env.user.has_group(
                "crm_relationship.group_crm_relationship_manager"
            )
        ):
            # those who may configure the program may assess it
            self.check_access("write")
        today = today or fields.Date.context_today(self)
        program = self.sudo()
        Card = self.env["loyalty.card"].sudo()
        tiers = program.tier_ids
        rank = {tier.id: i for i, tier in enumerate(tiers)}
        thresholds = tiers.mapped("threshold")
        steps = program.tier_downgrade_steps
        figures = Card._qualifying_figures(program, today)
        Card.flush_model(
            ["program_id", "tier_id", "tier_manual", "tier_downgrade_date"]
        )
        self.env.cr.execute(
            """SELECT id, tier_id, tier_manual, tier_downgrade_date
                 FROM loyalty_card
                WHERE program_id = %s AND active""",
            (program.id,),
        )
        rows = self.env.cr.fetchall()
        upgrades = {}
        downgrades = {}
        cancel = []
        for card_id, tier_id, manual, downgrade_date in rows:
            if manual:
                continue
            # rank of the highest tier reached, -1 for none
            new_rank = bisect_right(thresholds, figures.get(card_id, 0.0) + 1e-6) - 1
            current_rank = rank.get(tier_id, -1)
            if new_rank > current_rank:
                upgrades.setdefault(tiers[new_rank].id, []).append(card_id)
            elif new_rank < current_rank:
                target_rank = max(new_rank, current_rank - steps)
                target = tiers[target_rank].id if target_rank >= 0 else False
                downgrades.setdefault(target, []).append(card_id)
            elif downgrade_date:
                cancel.append(card_id)
        for tier_id, card_ids in upgrades.items():
            Card.browse(card_ids)._set_tier(tiers.browse(tier_id), cause, today=today)
        grace_date = today + relativedelta(days=program.tier_grace_days)
        for tier_id, card_ids in downgrades.items():
            if grace_date <= today:
                # no grace period: the downgrade takes effect now
                Card.browse(card_ids)._set_tier(
                    tiers.browse(tier_id), "downgrade", today=today
                )
                continue
            Card.browse(card_ids).write(
                {"tier_downgrade_date": grace_date, "tier_downgrade_to_id": tier_id}
            )
        if cancel:
            Card.browse(cancel).write(
                {"tier_downgrade_date": False, "tier_downgrade_to_id": False}
            )
        Card._apply_due_downgrades(today, programs=program)
        return True

    def action_assess_tiers(self):
        for program in self:
            program._assess_tiers()
        return True

    def action_view_tier_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship_loyalty.loyalty_card_tier_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {
            "default_program_id": self.id,
            "search_default_group_tier": 1,
        }
        return action

    def write(self, vals):
        res = super().write(vals)
        if {"tier_basis", "qualification_window"} & vals.keys():
            # the program's rules changed: re-rank members now
            for program in self.filtered("tier_ids"):
                program._assess_tiers(cause="program_change")
        return res
