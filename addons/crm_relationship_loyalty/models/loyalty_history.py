# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL
from odoo.tools.float_utils import float_compare, float_is_zero

from .field_guard import written_labels

ORDER_MODELS = ("sale.order", "pos.order")
# Kept by the ledger (as superuser): nobody sets them through create or write,
# which would move points between awards or buy a tier.
LEDGER_FIELDS = {
    "date",
    "movement_type",
    "available_issued_points",
    "expiration_date",
    "expiry_reminder_sent",
    "qualifying_points",
    "qualifying_amount",
}


class LoyaltyHistory(models.Model):
    """Every movement of a loyalty card's points.

    On loyalty programs, a line that issues points is an award: it keeps the
    points not yet spent (``available_issued_points``) and their expiration
    date; a line that uses points (a redemption, an expiry) takes them from
    the awards that expire first (``loyalty.point.track``). Field names are
    those of Odoo's development branch.
    """

    _inherit = "loyalty.history"

    date = fields.Date(
        default=fields.Date.context_today,
        index=True,
        readonly=True,
        help="Day of the movement; it decides the qualification window and "
        "the expiry of an award.",
    )
    movement_type = fields.Selection(
        [
            ("award", "Award"),
            ("redemption", "Redemption"),
            ("expiry", "Expiry"),
            ("adjustment", "Adjustment"),
            ("return", "Return"),
        ],
        string="Movement",
        readonly=True,
    )
    available_issued_points = fields.Float(
        string="Available",
        readonly=True,
        help="Points of this award not yet spent nor expired.",
    )
    expiration_date = fields.Date(
        string="Expiration",
        readonly=True,
        index=True,
        help="Last day on which the points of this award can be spent.",
    )
    expiry_reminder_sent = fields.Boolean(readonly=True)
    qualifying_points = fields.Float(
        readonly=True,
        help="Points counted for the tier: those earned on confirmed orders, "
        "less returns. Redemptions never lower them.",
    )
    qualifying_amount = fields.Float(
        string="Qualifying Spend",
        readonly=True,
        help="Untaxed amount of the order, in the program's currency, less returns.",
    )
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, index=True)
    program_id = fields.Many2one(related="card_id.program_id", store=True, index=True)
    tier_id = fields.Many2one(related="card_id.tier_id")

    # ------------------------------------------------------------------
    # Hooks for the sales channels
    # ------------------------------------------------------------------
    def _crm_order_amount(self):
        """Untaxed amount of the line's order in the program's currency;
        sales channels (sale, point of sale) override it."""
        self.ensure_one()
        return 0.0

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _crm_check_ledger_fields(self, vals_list, create=False):
        """Only the ledger itself (superuser) sets the ledger fields or skips
        the ledger; a user with the rights to write the history (Sales) books
        points with ``issued`` and ``used``."""
        if self.env.su:
            return
        if self.env.context.get("crm_loyalty_no_ledger"):
            raise AccessError(
                self.env._("Loyalty history lines always go through the ledger.")
            )
        protected = written_labels(self, LEDGER_FIELDS, vals_list, create)
        if protected:
            raise AccessError(
                self.env._(
                    "%(fields)s of a loyalty history line are kept by the "
                    "application: book points with Issued and Used.",
                    fields=", ".join(protected),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_ledger_fields(vals_list, create=True)
        lines = super().create(vals_list)
        if self.env.context.get("crm_loyalty_no_ledger"):
            return lines
        tracked = lines.filtered(
            lambda h: h.card_id.program_id.program_type == "loyalty"
        )
        if tracked:
            tracked.sudo()._crm_ledger_new()
        return lines

    def write(self, vals):
        self._crm_check_ledger_fields([vals])
        if self.env.context.get("crm_loyalty_no_ledger") or not (
            {"issued", "used"} & vals.keys()
        ):
            return super().write(vals)
        before = {line.id: (line.issued, line.used) for line in self}
        res = super().write(vals)
        for line in self.sudo().filtered(
            lambda h: h.card_id.program_id.program_type == "loyalty"
        ):
            old_issued, old_used = before[line.id]
            line._crm_ledger_change(line.issued - old_issued, line.used - old_used)
        return res

    def unlink(self):
        tracked = self.sudo().filtered(
            lambda h: h.card_id.program_id.program_type == "loyalty"
        )
        if tracked:
            tracked._crm_ledger_release()
        return super().unlink()

    # ------------------------------------------------------------------
    # Ledger
    # ------------------------------------------------------------------
    def _crm_ledger_new(self):
        """Register new lines: awards get their expiry and pay debts,
        redemptions consume the awards that expire first."""
        cards = self.env["loyalty.card"]
        for line in self:
            program = line.card_id.program_id
            from_order = line.order_model in ORDER_MODELS and line.order_id
            values = {}
            if not line.movement_type:
                if line.issued and from_order:
                    values["movement_type"] = "award"
                elif line.used and from_order:
                    values["movement_type"] = "redemption"
                else:
                    values["movement_type"] = "adjustment"
            if line.issued > 0:
                values["available_issued_points"] = line.issued
                values["expiration_date"] = program._points_expiration_date(line.date)
                if from_order:
                    values["qualifying_points"] = line.issued
            if from_order and line.issued > 0:
                values["qualifying_amount"] = line._crm_order_amount()
            if values:
                line.with_context(crm_loyalty_no_ledger=True).write(values)
            if line.available_issued_points > 0:
                line._crm_settle_debts()
            if line.used > 0:
                line._crm_consume(line.used)
            if line.qualifying_points or line.qualifying_amount:
                cards |= line.card_id
        if cards:
            cards._check_tier_upgrade()

    def _crm_change_available(self, delta):
        self.ensure_one()
        self.with_context(crm_loyalty_no_ledger=True).write(
            {"available_issued_points": self.available_issued_points + delta}
        )

    def _crm_settle_debts(self):
        """Pay the card's debts (points spent beyond its awards) from this
        award, oldest debt first."""
        self.ensure_one()
        Track = self.env["loyalty.point.track"].sudo()
        debts = Track.search(
            [
                ("card_id", "=", self.card_id.id),
                ("issuer_line_id", "=", False),
                ("points", "<", 0),
            ],
            order="id",
        )
        for debt in debts:
            pay = min(-debt.points, self.available_issued_points)
            if pay <= 0:
                break
            Track.create(
                {
                    "card_id": self.card_id.id,
                    "issuer_line_id": self.id,
                    "redeemer_line_id": debt.redeemer_line_id.id,
                    "points": pay,
                }
            )
            if float_is_zero(debt.points + pay, precision_digits=6):
                debt.unlink()
            else:
                debt.points += pay
            self._crm_change_available(-pay)

    def _crm_open_awards(self, exclude=None):
        domain = [
            ("card_id", "=", self.card_id.id),
            ("available_issued_points", ">", 0),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        awards = self.search(domain)
        # nearest expiry first, those that never expire last, then oldest
        return awards.sorted(
            lambda a: (not a.expiration_date, a.expiration_date or a.date, a.id)
        )

    def _crm_consume(self, points):
        """Take ``points`` from the card's awards, nearest expiry first, for
        this line; what no award covers becomes a debt."""
        self.ensure_one()
        Track = self.env["loyalty.point.track"].sudo()
        vals_list = []
        # the points earned on the same order come last
        awards = self._crm_open_awards(exclude=self)
        if self.available_issued_points > 0:
            awards |= self
        for award in awards:
            if points <= 0:
                break
            take = min(award.available_issued_points, points)
            vals_list.append(
                {
                    "card_id": self.card_id.id,
                    "issuer_line_id": award.id,
                    "redeemer_line_id": self.id,
                    "points": take,
                }
            )
            award._crm_change_available(-take)
            points -= take
        if float_compare(points, 0, precision_digits=6) > 0:
            vals_list.append(
                {
                    "card_id": self.card_id.id,
                    "issuer_line_id": False,
                    "redeemer_line_id": self.id,
                    "points": -points,
                }
            )
        Track.create(vals_list)

    def _crm_unconsume(self, points):
        """Give back ``points`` this line took, latest allocations first."""
        self.ensure_one()
        Track = self.env["loyalty.point.track"].sudo()
        tracks = Track.search([("redeemer_line_id", "=", self.id)], order="id desc")
        # debts first: they were never taken from an award
        for track in tracks.sorted(lambda t: bool(t.issuer_line_id)):
            if points <= 0:
                break
            amount = -track.points if not track.issuer_line_id else track.points
            give = min(amount, points)
            if track.issuer_line_id:
                track.issuer_line_id._crm_change_available(give)
                new = track.points - give
            else:
                new = track.points + give
            if float_is_zero(new, precision_digits=6):
                track.unlink()
            else:
                track.points = new
            points -= give

    def _crm_ledger_change(self, issued_delta, used_delta):
        self.ensure_one()
        if issued_delta > 0:
            self._crm_change_available(issued_delta)
            self._crm_settle_debts()
        elif issued_delta < 0:
            removed = min(-issued_delta, self.available_issued_points)
            self._crm_change_available(-removed)
            if float_compare(-issued_delta - removed, 0, precision_digits=6) > 0:
                self.env["loyalty.point.track"].sudo().create(
                    {
                        "card_id": self.card_id.id,
                        "redeemer_line_id": self.id,
                        "points": issued_delta + removed,
                    }
                )
        if used_delta > 0:
            self._crm_consume(used_delta)
        elif used_delta < 0:
            self._crm_unconsume(-used_delta)

    def _crm_ledger_release(self):
        """Before deleting lines (a cancelled order): what they redeemed goes
        back to its awards, and what others took from their awards becomes a
        debt of the card."""
        Track = self.env["loyalty.point.track"].sudo()
        for track in Track.search(
            [
                ("redeemer_line_id", "in", self.ids),
                ("issuer_line_id", "not in", self.ids),
            ]
        ):
            if track.issuer_line_id:
                track.issuer_line_id._crm_change_available(track.points)
        for track in Track.search(
            [
                ("issuer_line_id", "in", self.ids),
                ("redeemer_line_id", "not in", self.ids),
                ("redeemer_line_id", "!=", False),
            ]
        ):
            track.write({"issuer_line_id": False, "points": -track.points})
            # the redeemer line is cascade-kept: a debt stays on it

    # ------------------------------------------------------------------
    # Expiry
    # ------------------------------------------------------------------
    @api.model
    def _cron_expire_loyalty_points(self):
        """Expire the awards whose expiration date has passed: one expiry
        line per card in the history, the card balance lowered by what
        expired. Set-based: one query finds what is due; creates and writes
        are batched. A second run finds nothing."""
        today = fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT h.card_id, h.id, h.available_issued_points, h.expiration_date
                     FROM loyalty_history h
                     JOIN loyalty_card c ON c.id = h.card_id
                     JOIN loyalty_program p ON p.id = c.program_id
                    WHERE h.available_issued_points > 0
                      AND h.expiration_date < %s
                      AND p.program_type = 'loyalty'
                 ORDER BY h.card_id, h.expiration_date, h.id""",
                today,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return 0
        per_card = defaultdict(list)
        for card_id, line_id, points, expiration in rows:
            per_card[card_id].append((line_id, points, expiration))
        History = self.sudo().with_context(crm_loyalty_no_ledger=True)
        expiry_lines = History.create(
            [
                {
                    "card_id": card_id,
                    "description": self.env._(
                        "Points expired (awarded until %(date)s)",
                        date=max(a[2] for a in awards),
                    ),
                    "used": sum(a[1] for a in awards),
                    "movement_type": "expiry",
                    "date": today,
                }
                for card_id, awards in per_card.items()
            ]
        )
        line_by_card = {line.card_id.id: line for line in expiry_lines}
        self.env["loyalty.point.track"].sudo().create(
            [
                {
                    "card_id": card_id,
                    "issuer_line_id": line_id,
                    "redeemer_line_id": line_by_card[card_id].id,
                    "points": points,
                }
                for card_id, awards in per_card.items()
                for line_id, points, _expiration in awards
            ]
        )
        History.browse([row[1] for row in rows]).write({"available_issued_points": 0.0})
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .with_context(tracking_disable=True, loyalty_no_mail=True)
            .browse(list(per_card))
        )
        # one write per resulting balance, not per card
        by_balance = defaultdict(list)
        for card in cards:
            by_balance[card.points - line_by_card[card.id].used].append(card.id)
        for balance, card_ids in by_balance.items():
            cards.browse(card_ids).write({"points": balance})
        return len(rows)
