# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup
from pytz import utc

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from ..tools.sla_calendar import hours_between, plan_on_intervals
from .crm_relationship_grievance_sla import GRIEVANCE_PRIORITIES

SEVERITIES = [
    ("minor", "Minor"),
    ("moderate", "Moderate"),
    ("major", "Major"),
    ("critical", "Critical"),
]
SEVERITY_RANK = {"minor": 0, "moderate": 1, "major": 2, "critical": 3}
# Priority levels a customer's level adds to the severity's rank.
CUSTOMER_LEVEL_BOOST = {"standard": 0, "priority": 1, "key": 2}
SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
]
REOPEN_DAYS_PARAM = "crm_relationship.grievance_reopen_days"
REPEAT_DAYS_PARAM = "crm_relationship.grievance_repeat_days"
# Fields whose change may make a grievance a repeat, or no longer one.
REPEAT_KEYS = {"partner_id", "category_id", "date_received"}
MANAGER_GROUP = "crm_relationship.group_crm_relationship_manager"
# Handling and SLA fields: employees only; the portal pages show what the
# customer may see, read as superuser after the portal's access check.
BACKEND_GROUP = "base.group_user"
PORTAL_ORDER = "date_received desc, id desc"
# Kept by the application (SLA clock, escalation, reopening, repeats): only a
# manager may correct them by hand.
MANAGER_FIELDS = {
    "sla_policy_id",
    "first_response_deadline",
    "resolution_deadline",
    "sla_deadline",
    "sla_at_risk_date",
    "sla_status",
    "sla_breach_date",
    "sla_paused_since",
    "sla_paused_hours",
    "date_first_response",
    "date_closed",
    "repeat_of_id",
    "reopen_count",
}
# Set when the grievance is recorded; moving it afterwards moves the SLA
# clock, which only a manager corrects.
MANAGER_WRITE_FIELDS = {"date_received"}
# A received date this far ahead of the server clock is a clock skew, further
# ahead it would postpone the SLA.
DATE_RECEIVED_SKEW = timedelta(minutes=5)


def derive_priority(severity, customer_level=None):
    """Grievance priority from its severity and the customer's level."""
    rank = SEVERITY_RANK.get(severity, 1) + CUSTOMER_LEVEL_BOOST.get(
        customer_level or "standard", 0
    )
    return str(min(rank, len(GRIEVANCE_PRIORITIES) - 1))


def _aware(value):
    return value.replace(tzinfo=utc) if value.tzinfo is None else value


def _naive(value):
    return value.astimezone(utc).replace(tzinfo=None) if value else value


class CrmRelationshipGrievance(models.Model):
    """A complaint of a customer, from intake to resolution and analysis."""

    _name = "crm.relationship.grievance"
    _description = "Grievance"
    _inherit = [
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
        "rating.mixin",
    ]
    _order = "priority desc, date_received desc, id desc"
    _check_company_auto = True
    _primary_email = "email_from"
    _mail_post_access = "read"

    def _default_stage_id(self):
        return self.env["crm.relationship.grievance.stage"].search(
            [("is_closed", "=", False), ("pause_sla", "=", False)], limit=1
        )

    # ------------------------------------------------------------------
    # Description
    # ------------------------------------------------------------------
    name = fields.Char(string="Subject", required=True, tracking=True)
    reference = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    description = fields.Html(help="The complaint in the customer's words.")
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        tracking=True,
        check_company=True,
        help="Who complained.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer",
        store=True,
        precompute=True,
        index=True,
    )
    email_from = fields.Char(
        string="Email",
        compute="_compute_email_from",
        store=True,
        readonly=False,
        precompute=True,
        help="Address the customer wrote from; replies go there.",
    )
    channel_id = fields.Many2one(
        "crm.relationship.grievance.channel",
        index=True,
        help="How the complaint reached us.",
    )
    category_id = fields.Many2one(
        "crm.relationship.grievance.category",
        index=True,
        tracking=True,
    )
    tag_ids = fields.Many2many(
        "crm.relationship.grievance.tag",
        relation="crm_relationship_grievance_tag_rel",
        column1="grievance_id",
        column2="tag_id",
        string="Tags",
    )
    product_ids = fields.Many2many(
        "product.product",
        relation="crm_relationship_grievance_product_rel",
        column1="grievance_id",
        column2="product_id",
        string="Products",
        check_company=True,
        help="Products the complaint is about.",
    )
    severity = fields.Selection(
        SEVERITIES,
        required=True,
        default="moderate",
        tracking=True,
        help="How badly the customer is affected.",
        groups=BACKEND_GROUP,
    )
    priority_override = fields.Selection(
        GRIEVANCE_PRIORITIES,
        groups="crm_relationship.group_crm_relationship_manager",
        tracking=True,
        help="Set by a manager to replace the derived priority.",
    )
    priority = fields.Selection(
        GRIEVANCE_PRIORITIES,
        compute="_compute_priority",
        store=True,
        precompute=True,
        index=True,
        tracking=True,
        help="Derived from the severity and the customer's priority level, "
        "unless a manager overrides it. It selects the SLA policy.",
        groups=BACKEND_GROUP,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Defaults to the salesperson of the order or invoice, else of the "
        "customer, else the leader of the order's sales team, else who "
        "records the grievance.",
        groups=BACKEND_GROUP,
    )
    team_id = fields.Many2one(
        "crm.team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        help="Its leader is the escalation contact when the SLA is breached.",
        groups=BACKEND_GROUP,
    )
    stage_id = fields.Many2one(
        "crm.relationship.grievance.stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closed", store=True, precompute=True, index=True
    )
    root_cause = fields.Text(
        help="Why it happened, for learning from it.", groups=BACKEND_GROUP
    )
    resolution = fields.Html(help="What was done; required to close.")
    # ------------------------------------------------------------------
    # Dates and SLA
    # ------------------------------------------------------------------
    date_received = fields.Datetime(
        string="Received On",
        required=True,
        default=fields.Datetime.now,
        index=True,
        help="When the complaint was made; the SLA clock starts here.",
    )
    date_first_response = fields.Datetime(
        string="First Response On",
        copy=False,
        readonly=True,
        help="First answer sent to the customer.",
    )
    date_closed = fields.Datetime(
        string="Closed On", copy=False, readonly=True, index=True
    )
    sla_policy_id = fields.Many2one(
        "crm.relationship.grievance.sla",
        string="SLA Policy",
        compute="_compute_sla_policy_id",
        store=True,
        precompute=True,
        index=True,
        groups=BACKEND_GROUP,
    )
    sla_paused_since = fields.Datetime(
        string="SLA Paused Since",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Set while the grievance waits on the customer.",
        groups=BACKEND_GROUP,
    )
    sla_paused_hours = fields.Float(
        string="SLA Paused (working h)",
        copy=False,
        readonly=True,
        help="Working hours spent waiting on the customer; the deadlines move "
        "later by this much.",
        groups=BACKEND_GROUP,
    )
    first_response_deadline = fields.Datetime(
        compute="_compute_sla_deadlines",
        store=True,
        precompute=True,
        groups=BACKEND_GROUP,
    )
    resolution_deadline = fields.Datetime(
        compute="_compute_sla_deadlines",
        store=True,
        precompute=True,
        groups=BACKEND_GROUP,
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_deadlines",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="First-response deadline until the first answer, then the "
        "resolution deadline; empty once closed.",
        groups=BACKEND_GROUP,
    )
    sla_at_risk_date = fields.Datetime(
        string="At Risk From",
        compute="_compute_sla_deadlines",
        store=True,
        precompute=True,
        index="btree_not_null",
        groups=BACKEND_GROUP,
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        compute="_compute_sla_status",
        store=True,
        precompute=True,
        index=True,
        help="Kept current by the escalation scheduled action.",
        groups=BACKEND_GROUP,
    )
    sla_breach_date = fields.Datetime(
        string="SLA Breached On",
        copy=False,
        readonly=True,
        help="Recorded once: when the escalation found the breach, or the "
        "missed deadline when the first answer or the closure came late.",
        groups=BACKEND_GROUP,
    )
    # ------------------------------------------------------------------
    # Learning
    # ------------------------------------------------------------------
    repeat_of_id = fields.Many2one(
        "crm.relationship.grievance",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Earlier grievance of the same customer and category within the "
        "repeat window.",
        groups=BACKEND_GROUP,
    )
    reopen_count = fields.Integer(
        copy=False,
        readonly=True,
        groups=BACKEND_GROUP,
    )

    _sql_constraints = [
        (
            "reference_company_uniq",
            "unique(reference, company_id)",
            "The grievance reference must be unique per company.",
        ),
    ]

    @api.constrains("date_received")
    def _check_date_received(self):
        limit = fields.Datetime.now() + DATE_RECEIVED_SKEW
        future = self.filtered(lambda g: g.date_received and g.date_received > limit)
        if future:
            raise ValidationError(
                self.env._(
                    "A grievance cannot be received in the future (%(refs)s).",
                    refs=", ".join(future.mapped("reference")),
                )
            )

    @api.constrains("stage_id", "resolution")
    def _check_resolution(self):
        missing = self.filtered(
            lambda g: g.is_closed and not html2plaintext(g.resolution or "").strip()
        )
        if missing:
            raise ValidationError(
                self.env._(
                    "Describe the resolution before closing %(refs)s: use the "
                    "Resolve button of the grievance, which asks for it.",
                    refs=", ".join(missing.mapped("reference")),
                )
            )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("active", "=", True)], order=stages._order)

    @api.depends("partner_id")
    def _compute_email_from(self):
        for grievance in self:
            if grievance.partner_id.email:
                grievance.email_from = grievance.partner_id.email
            elif not grievance.email_from:
                grievance.email_from = False

    def _priority_depends(self):
        """Fields the priority depends on; glue add-ons add the customer's."""
        return ["severity", "priority_override"]

    def _customer_level(self):
        """Priority level of the grievance's customer, None without one."""
        self.ensure_one()
        return None

    @api.depends(lambda self: self._priority_depends())
    def _compute_priority(self):
        for grievance in self.sudo():
            grievance.priority = grievance.priority_override or derive_priority(
                grievance.severity, grievance._customer_level()
            )

    def _responsible_depends(self):
        """Fields the default responsible depends on; glue add-ons add the
        document's."""
        return ["partner_id"]

    def _responsible_candidates(self):
        """Who handles the grievance by default, in order: the salesperson
        of the customer, else of the contact. Glue add-ons put the
        salesperson of the order or invoice first and the leader of its sales
        team after."""
        self.ensure_one()
        return [self.commercial_partner_id.user_id, self.partner_id.user_id]

    @api.depends(lambda self: self._responsible_depends())
    def _compute_user_id(self):
        # who records a new grievance, when nobody else is found; not the
        # mail gateway (superuser) nor a portal user
        recorder = self.env.user
        if recorder.share or recorder._is_superuser():
            recorder = self.env["res.users"]
        for grievance in self:
            responsible = next(
                (
                    user
                    for user in grievance.sudo()._responsible_candidates()
                    if user and not user.share
                ),
                None,
            )
            if responsible:
                grievance.user_id = responsible
            elif not grievance.user_id:
                grievance.user_id = recorder if not grievance._origin else False

    @api.depends("user_id")
    def _compute_team_id(self):
        for grievance in self:
            grievance.team_id = grievance.user_id.sale_team_id or grievance.team_id

    @api.depends("priority", "category_id", "company_id")
    def _compute_sla_policy_id(self):
        policies = (
            self.env["crm.relationship.grievance.sla"]
            .sudo()
            .search([("company_id", "in", [False, *self.company_id.ids])])
        )
        for grievance in self:
            grievance.sla_policy_id = next(
                (policy for policy in policies if policy._matches(grievance)),
                False,
            )

    @api.depends(
        "sla_policy_id",
        "date_received",
        "sla_paused_hours",
        "date_first_response",
        "is_closed",
    )
    def _compute_sla_deadlines(self):
        planned = self._plan_sla_deadlines()
        for grievance in self:
            values = planned.get(grievance, {})
            first = values.get("first")
            resolution = values.get("resolution")
            grievance.first_response_deadline = first
            grievance.resolution_deadline = resolution
            if grievance.is_closed:
                next_deadline = next_risk = False
            elif first and not grievance.date_first_response:
                next_deadline, next_risk = first, values.get("first_risk")
            else:
                next_deadline = resolution or False
                next_risk = values.get("resolution_risk") or False
            grievance.sla_deadline = next_deadline
            grievance.sla_at_risk_date = next_risk

    def _plan_sla_deadlines(self):
        """Deadlines of the batch, one calendar read per calendar.

        :return: {grievance: {first, first_risk, resolution, resolution_risk}}
        """
        result = {}
        by_calendar = defaultdict(list)
        for grievance in self:
            policy = grievance.sla_policy_id.sudo()
            if policy and grievance.date_received:
                by_calendar[policy.resource_calendar_id].append(grievance)
        for calendar, grievances in by_calendar.items():
            starts = [_aware(g.date_received) for g in grievances]
            longest = max(
                max(
                    g.sla_policy_id.sudo().resolution_hours,
                    g.sla_policy_id.sudo().first_response_hours,
                )
                + g.sla_paused_hours
                for g in grievances
            )
            # Enough calendar time for the longest target, with holidays.
            weekly = max(calendar.hours_per_day * 5 or 40.0, 1.0)
            horizon = timedelta(weeks=math.ceil(longest / weekly) * 2 + 2)
            begin, end = min(starts), max(starts) + horizon
            intervals = [
                (start, stop)
                for start, stop, _meta in calendar._work_intervals_batch(begin, end)[
                    False
                ]
            ]
            for grievance, start in zip(grievances, starts, strict=True):
                policy = grievance.sla_policy_id.sudo()
                paused = grievance.sla_paused_hours
                ratio = policy.at_risk_percent / 100.0
                values = {}
                targets = [("resolution", policy.resolution_hours)]
                if policy.first_response_hours:
                    targets.append(("first", policy.first_response_hours))
                for key, hours in targets:
                    deadline = plan_on_intervals(intervals, start, hours + paused)
                    risk = plan_on_intervals(intervals, start, hours * ratio + paused)
                    if deadline is None:  # beyond the horizon: ask the calendar
                        deadline = calendar.plan_hours(
                            hours + paused, start, compute_leaves=True
                        )
                        risk = calendar.plan_hours(
                            hours * ratio + paused, start, compute_leaves=True
                        )
                    values[key] = _naive(deadline) or False
                    values[f"{key}_risk"] = _naive(risk) or False
                result[grievance] = values
        return result

    @api.depends(
        "sla_deadline",
        "sla_at_risk_date",
        "sla_breach_date",
        "sla_paused_since",
        "is_closed",
        "date_closed",
        "resolution_deadline",
    )
    def _compute_sla_status(self):
        now = fields.Datetime.now()
        for grievance in self:
            if grievance.sla_breach_date:
                grievance.sla_status = "breached"
            elif grievance.is_closed or not grievance.sla_deadline:
                closed_late = (
                    grievance.is_closed
                    and grievance.resolution_deadline
                    and grievance.date_closed
                    and grievance.date_closed > grievance.resolution_deadline
                )
                grievance.sla_status = "breached" if closed_late else "on_track"
            else:
                reference = grievance.sla_paused_since or now
                if grievance.sla_deadline <= reference:
                    grievance.sla_status = "breached"
                elif (
                    grievance.sla_at_risk_date
                    and grievance.sla_at_risk_date <= reference
                ):
                    grievance.sla_status = "at_risk"
                else:
                    grievance.sla_status = "on_track"

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for grievance in self:
            grievance.access_url = f"/my/grievances/{grievance.id}"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # the default order starts with the priority, which portal users may
        # not read: theirs is the newest first
        if not order and not self.env.su and self.env.user.share:
            order = PORTAL_ORDER
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
            if vals.get("reference", self.env._("New")) == self.env._("New"):
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id
                )
                vals["reference"] = self.env["ir.sequence"].with_company(
                    company
                ).next_by_code("crm.relationship.grievance") or self.env._("New")
        grievances = super().create(vals_list)
        now = fields.Datetime.now()
        for grievance in grievances.sudo():
            if grievance.stage_id.pause_sla and not grievance.sla_paused_since:
                grievance.sla_paused_since = now
            if grievance.is_closed and not grievance.date_closed:
                grievance.date_closed = now
        grievances._detect_repeats()
        if not self.env.context.get("mail_create_nosubscribe"):
            # part of the creation: a reporter who may create but not write
            # still makes the customer a follower
            for grievance in grievances.filtered("partner_id"):
                grievance._message_subscribe(partner_ids=grievance.partner_id.ids)
        return grievances

    def write(self, vals):
        self._check_protected_fields(vals)
        moved = MANAGER_WRITE_FIELDS.intersection(vals)
        if moved and not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._(
                    "Only Relationship managers may change %(fields)s of a "
                    "recorded grievance: the SLA clock starts there.",
                    fields=", ".join(
                        sorted(self._fields[name].string for name in moved)
                    ),
                )
            )
        change = self._prepare_stage_change(vals) if "stage_id" in vals else None
        res = super().write(vals)
        if change:
            self._apply_stage_change(**change)
        if REPEAT_KEYS.intersection(vals):
            self._redetect_repeats()
        return res

    def _check_protected_fields(self, vals):
        """The priority follows the severity, the customer and the manager's
        override; the SLA clock and its records are kept by the application,
        and only managers correct them."""
        if self.env.su:
            return
        if "priority" in vals:
            raise AccessError(
                self.env._(
                    "The grievance priority is derived from the severity and the "
                    "customer; a manager sets the priority override instead."
                )
            )
        protected = MANAGER_FIELDS.intersection(vals)
        if protected and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._(
                    "Only Relationship managers may change %(fields)s of a grievance.",
                    fields=", ".join(
                        sorted(self._fields[name].string for name in protected)
                    ),
                )
            )

    def _prepare_stage_change(self, vals):
        """Before a stage change: resume the SLA clock of the grievances
        leaving a waiting stage, and sort out what the change does."""
        stage = self.env["crm.relationship.grievance.stage"].browse(vals["stage_id"])
        now = fields.Datetime.now()
        resuming = self.filtered(lambda g: g.sla_paused_since and not stage.pause_sla)
        resuming._resume_sla(now)
        if stage.is_closed and stage.rating_template_id:
            self.filtered(lambda g: not g.is_closed)._check_rating_sender()
        return {
            "stage": stage,
            "now": now,
            "pausing": self.filtered(
                lambda g: not g.sla_paused_since and stage.pause_sla
            ),
            "closing": self.filtered(lambda g: not g.is_closed)
            if stage.is_closed
            else self.browse(),
            "reopening": self.browse()
            if stage.is_closed
            else self.filtered("is_closed"),
        }

    def _apply_stage_change(self, stage, now, pausing, closing, reopening):
        """After a stage change: pause the SLA clock, date the closure
        (recording a late one as a breach), ask for a rating, count
        reopenings."""
        if pausing:
            pausing.sudo().sla_paused_since = now
        if closing:
            closing.sudo().date_closed = now
            closing._record_late_breach("resolution_deadline", now)
            closing._close_escalation_activities()
            if stage.rating_template_id:
                closing._send_rating_request(stage.rating_template_id)
        for grievance in reopening.sudo():
            grievance.write(
                {"date_closed": False, "reopen_count": grievance.reopen_count + 1}
            )

    def _check_rating_sender(self):
        """The satisfaction request goes out from the address of who closes:
        say so before the closure rather than fail in the mail layer."""
        if self.filtered("partner_id") and not self.env.user.email:
            raise UserError(
                self.env._(
                    "Closing %(refs)s sends the customer a satisfaction request "
                    "from your email address, and you have none. Set your email "
                    "in your preferences (My Profile), or ask a colleague with "
                    "an email address to close it.",
                    refs=", ".join(self.mapped("reference")),
                )
            )

    def _close_escalation_activities(self):
        """The escalation activities of resolved grievances are moot: remove
        them, with a note on each grievance, in one batch (a log note needs no
        sender address)."""
        activity_type = self.env.ref(
            "crm_relationship_grievance.mail_activity_type_grievance_escalation",
            raise_if_not_found=False,
        )
        if not activity_type:
            return
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
        )
        if not activities:
            return
        notes = {}
        for activity in activities:
            notes[activity.res_id] = Markup("<p>%s</p>") % self.env._(
                "Escalation to %(user)s closed: the grievance was resolved.",
                user=activity.user_id.name,
            )
        activities.unlink()
        self.browse(list(notes)).sudo()._message_log_batch(bodies=notes)

    def _record_late_breach(self, deadline_field, when):
        """Record as breached, at the missed deadline, the grievances whose
        ``deadline_field`` passed before ``when`` without a breach recorded
        (the escalation did not run in between)."""
        late = defaultdict(list)
        for grievance in self:
            deadline = grievance[deadline_field]
            if not grievance.sla_breach_date and deadline and deadline < when:
                late[deadline].append(grievance.id)
        for deadline, ids in late.items():
            self.sudo().browse(ids).sla_breach_date = deadline

    def _resume_sla(self, now):
        """Add the working time spent paused to each grievance's pause total."""
        for grievance in self:
            calendar = grievance.sla_policy_id.sudo().resource_calendar_id
            paused = 0.0
            if calendar:
                start, stop = _aware(grievance.sla_paused_since), _aware(now)
                intervals = [
                    (begin, end)
                    for begin, end, _meta in calendar._work_intervals_batch(
                        start, stop
                    )[False]
                ]
                paused = hours_between(intervals, start, stop)
            grievance.sudo().write(
                {
                    "sla_paused_since": False,
                    "sla_paused_hours": grievance.sla_paused_hours + paused,
                }
            )

    def _redetect_repeats(self):
        """Customer, category or date changed: these grievances, and those
        that were repeats of them, may be repeats of others now."""
        dependents = self.sudo().search([("repeat_of_id", "in", self.ids)])
        (self | dependents)._detect_repeats()

    def _detect_repeats(self):
        """Link each grievance to the latest earlier one of the same customer
        and category within the repeat window, or unlink it when there is
        none. One search for the whole batch."""
        todo = self.filtered(lambda g: g.commercial_partner_id and g.category_id)
        (self - todo).filtered("repeat_of_id").sudo().repeat_of_id = False
        if not todo:
            return
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(REPEAT_DAYS_PARAM, 90)
        )
        earliest = min(todo.mapped("date_received")) - timedelta(days=days)
        candidates = self.sudo().search(
            [
                ("commercial_partner_id", "in", todo.commercial_partner_id.ids),
                ("category_id", "in", todo.category_id.ids),
                ("date_received", ">=", earliest),
            ],
            order="date_received desc, id desc",
        )
        by_key = defaultdict(list)
        for candidate in candidates:
            key = (candidate.commercial_partner_id.id, candidate.category_id.id)
            by_key[key].append(candidate)
        for grievance in todo:
            key = (grievance.commercial_partner_id.id, grievance.category_id.id)
            window_start = grievance.date_received - timedelta(days=days)
            earlier = next(
                (
                    other
                    for other in by_key[key]
                    if other != grievance
                    and window_start <= other.date_received <= grievance.date_received
                    and (other.date_received, other.id)
                    < (grievance.date_received, grievance.id)
                ),
                None,
            )
            if grievance.repeat_of_id != (earlier or self.browse()):
                grievance.sudo().repeat_of_id = earlier

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_pause_for_customer(self):
        self.check_access("write")
        stage = self.env["crm.relationship.grievance.stage"].search(
            [("pause_sla", "=", True)], limit=1
        )
        if stage:
            self.stage_id = stage

    def action_open_close_wizard(self):
        """Resolve: a dialog asks for the resolution and the root cause."""
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship_grievance.crm_relationship_grievance_close_action"
        )
        action["context"] = {
            "active_model": self._name,
            "active_ids": self.ids,
        }
        return action

    def action_open_repeat_of(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.repeat_of_id.id,
            "view_mode": "form",
        }

    @api.model
    def _action_for(self, domain, defaults):
        """Grievances of a document, creating new ones prefilled from it."""
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_relationship_grievance.crm_relationship_grievance_action"
        )
        action["domain"] = domain
        action["context"] = defaults
        return action

    @api.model
    def _action_new(self, defaults):
        """Quick create: a new grievance prefilled from a document."""
        self.check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Grievance"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "context": defaults,
        }

    def _send_rating_request(self, template):
        for grievance in self.filtered("partner_id"):
            grievance.rating_send_request(
                template, lang=grievance.partner_id.lang, force_send=False
            )

    # ------------------------------------------------------------------
    # SLA escalation
    # ------------------------------------------------------------------
    @api.model
    def _cron_escalate_sla(self):
        """Flag grievances at risk, record breaches once and escalate them.

        Two indexed searches on the stored deadlines, batched writes, one
        ``create`` for all activities and one digest per escalation contact:
        the cost depends on the grievances changing state, not on the number
        of open ones. A recorded breach (``sla_breach_date``) is never
        escalated again.
        """
        now = fields.Datetime.now()
        grievances = self.with_context(tracking_disable=True)
        open_running = [("is_closed", "=", False), ("sla_paused_since", "=", False)]
        at_risk = grievances.search(
            [
                *open_running,
                ("sla_status", "=", "on_track"),
                ("sla_at_risk_date", "<=", now),
                ("sla_deadline", ">", now),
            ]
        )
        # The dependent stored fields are written too, so that nothing is left
        # to recompute record by record.
        if at_risk:
            at_risk.write({"sla_status": "at_risk"})
        breached = grievances.search(
            [
                *open_running,
                ("sla_breach_date", "=", False),
                ("sla_deadline", "<=", now),
            ]
        )
        if breached:
            breached.write(
                {
                    "sla_breach_date": now,
                    "sla_status": "breached",
                }
            )
            breached._escalate_breach()
        return len(at_risk), len(breached)

    def _escalation_candidates(self):
        """Who may act on a breach, in order: the leader of the grievance's
        team, then of the responsible's sales team."""
        self.ensure_one()
        return [self.team_id.user_id, self.user_id.sale_team_id.user_id]

    def _escalation_user(self):
        """The first candidate who is someone else than the responsible; an
        empty recordset when there is none: escalating to the responsible
        would only repeat what they already have to do."""
        self.ensure_one()
        responsible = self.user_id
        return next(
            (
                user
                for user in self._escalation_candidates()
                if user and user != responsible
            ),
            self.env["res.users"],
        )

    def _escalate_breach(self):
        """One activity per breached grievance for its escalation contact,
        created in one batch, and one digest notification per contact."""
        activity_type = self.env.ref(
            "crm_relationship_grievance.mail_activity_type_grievance_escalation",
            raise_if_not_found=False,
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        summary = self.env._("SLA breached: act now")
        activity_vals = []
        by_user = defaultdict(list)
        notes = {}
        for grievance in self:
            user = grievance._escalation_user()
            notes[grievance.id] = grievance._breach_note(user)
            if not user:
                continue
            by_user[user].append(grievance)
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": grievance.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "summary": summary,
                    "user_id": user.id,
                    "date_deadline": today,
                }
            )
        if activity_vals:
            # quick_update: no email per activity, the digest below notifies
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(activity_vals)
        self.sudo()._message_log_batch(bodies=notes)
        for user, grievances in by_user.items():
            self._notify_escalation(user, grievances)

    def _breach_note(self, user):
        """The chatter note recording the breach and who it went to."""
        deadline = (
            self.env._("first response")
            if self.first_response_deadline and not self.date_first_response
            else self.env._("resolution")
        )
        if user:
            text = self.env._(
                "SLA breached: the %(deadline)s deadline passed. "
                "Escalated to %(user)s.",
                deadline=deadline,
                user=user.name,
            )
        elif self.user_id:
            text = self.env._(
                "SLA breached: the %(deadline)s deadline passed. Nobody but "
                "the responsible to escalate to: give the responsible a "
                "manager or the sales team a leader.",
                deadline=deadline,
            )
        else:
            text = self.env._(
                "SLA breached: the %(deadline)s deadline passed. Nobody to "
                "escalate to: set a responsible or a team leader.",
                deadline=deadline,
            )
        return Markup("<p>%s</p>") % text

    def _notify_escalation(self, user, grievances, shown=20):
        references = ", ".join(g.reference for g in grievances[:shown])
        if len(grievances) > shown:
            references += ", ..."
        self.env[self._name].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=self.env._(
                "%(count)s grievance(s) breached their SLA", count=len(grievances)
            ),
            body=self.env._(
                "These grievances are past their SLA deadline and wait for you "
                "(see your activities): %(references)s",
                references=references,
            ),
            email_layout_xmlid="mail.mail_notification_light",
        )

    # ------------------------------------------------------------------
    # Mail gateway, first response, customer replies
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Create a grievance from an email sent to the grievance alias."""
        values = dict(custom_values or {})
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner and msg_dict.get("email_from"):
            partner = self.env["res.partner"]._find_or_create_from_emails(
                [msg_dict["email_from"]]
            )[0]
        channel = self.env.ref(
            "crm_relationship_grievance.grievance_channel_email",
            raise_if_not_found=False,
        )
        values.setdefault("name", msg_dict.get("subject") or self.env._("No Subject"))
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("email_from", msg_dict.get("email_from"))
        if partner:
            values.setdefault("partner_id", partner.id)
            # a contact of one company complains to that company
            if partner.company_id:
                values.setdefault("company_id", partner.company_id.id)
        if channel:
            values.setdefault("channel_id", channel.id)
        return super().message_new(msg_dict, custom_values=values)

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type not in ("email", "comment"):
            return result
        author_users = message.author_id.user_ids
        is_employee = bool(author_users) and not all(author_users.mapped("share"))
        if is_employee:
            if self._is_first_response(message):
                answered = message.date or fields.Datetime.now()
                first = self.sudo().filtered(lambda g: not g.date_first_response)
                first._record_late_breach("first_response_deadline", answered)
                first.write({"date_first_response": answered})
        elif message.author_id and message.author_id.commercial_partner_id in (
            self.commercial_partner_id
        ):
            self.sudo()._on_customer_reply(message)
        return result

    def _is_first_response(self, message):
        """An answer to the customer typed in Odoo by an employee: a public
        comment posted by a logged-in internal user (the chatter posts as
        sudo, keeping the user). Mail coming in through the gateway (an email,
        processed as the system user) never counts, whoever it claims to be
        from."""
        user = self.env.user
        return (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not user.share
            and not user._is_superuser()
        )

    def _on_customer_reply(self, message):
        """A customer wrote: resume a paused grievance, reopen a recently
        closed one (within the reopen window)."""
        days = int(
            self.env["ir.config_parameter"].sudo().get_param(REOPEN_DAYS_PARAM, 14)
        )
        open_stage = self._default_stage_id()
        for grievance in self:
            if grievance.stage_id.pause_sla and open_stage:
                grievance.stage_id = open_stage
            elif (
                grievance.is_closed
                and open_stage
                and grievance.date_closed
                and fields.Datetime.now() - grievance.date_closed
                <= timedelta(days=days)
            ):
                grievance.stage_id = open_stage
                grievance.message_post(
                    body=self.env._("Reopened: the customer replied after closure."),
                    subtype_xmlid="mail.mt_note",
                )

    def _rating_get_partner(self):
        return self.partner_id or super()._rating_get_partner()

    def _message_get_suggested_recipients(self):
        recipients = super()._message_get_suggested_recipients()
        if self.partner_id:
            self._message_add_suggested_recipient(
                recipients, partner=self.partner_id, reason=self.env._("Customer")
            )
        return recipients

    def _get_customer_information(self):
        email_keys_to_values = super()._get_customer_information()
        for grievance in self:
            email_key = (grievance.email_from or "").strip().lower()
            if email_key:
                email_keys_to_values.setdefault(email_key, {}).update(
                    {"name": grievance.partner_id.name or email_key}
                )
        return email_keys_to_values
