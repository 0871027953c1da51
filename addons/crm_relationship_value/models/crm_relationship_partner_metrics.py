# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

MANAGER_GROUP = "crm_relationship.group_crm_relationship_manager"

_logger = logging.getLogger(__name__)

QUADRANTS = [
    ("true_friend", "True friend"),
    ("butterfly", "Butterfly"),
    ("barnacle", "Barnacle"),
    ("stranger", "Stranger"),
]

# The scores as the R x F grid shows them (stored as text: selection keys).
R_GRADES = [
    ("5", "5 - most recent"),
    ("4", "4 - recent"),
    ("3", "3 - a while ago"),
    ("2", "2 - long ago"),
    ("1", "1 - least recent"),
]
F_GRADES = [
    ("5", "5 - most frequent"),
    ("4", "4 - frequent"),
    ("3", "3 - occasional"),
    ("2", "2 - rare"),
    ("1", "1 - least frequent"),
]

# Figures aggregated from the documents; the other columns derive from them.
RAW_COLUMNS = (
    "first_purchase_date",
    "last_purchase_date",
    "order_count",
    "revenue",
    "margin",
    "days_to_pay",
)

# Quantity of a document line expressed in the product's own unit, so that it
# can be multiplied by the product cost (per unit of the product's UoM).
_QTY_IN_PRODUCT_UOM = """
    {qty} / COALESCE(NULLIF(line_uom.factor, 0), 1) * COALESCE(product_uom.factor, 1)
"""


class CrmRelationshipPartnerMetrics(models.Model):
    """Customer value figures of one commercial partner in one company.

    The table belongs to this add-on and is rebuilt from one aggregate query
    per company (``INSERT ... ON CONFLICT``), never a query per partner: the
    figures are derived data, so writing 100,000 rows through the ORM would
    only add cost. The partner shows the row of the current company through
    computed, searchable fields (see ``res_partner_value.py``).
    """

    _name = "crm.relationship.partner.metrics"
    _description = "Customer Value Metrics"
    _order = "revenue desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True
    # Derived rows written in bulk by the recompute: ``computed_at`` dates
    # them, and no user authors them (no create/write uid columns to check).
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
        # no index of its own: the unique (partner_id, company_id) one serves
        help="Commercial partner: the figures of its contacts roll up to it.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    first_purchase_date = fields.Date(
        readonly=True, help="Date of the customer's first counted document."
    )
    last_purchase_date = fields.Date(
        readonly=True, help="Date of the customer's latest counted document."
    )
    order_count = fields.Integer(
        string="Orders",
        readonly=True,
        aggregator="sum",
        help="Confirmed sales orders, or posted customer invoices (credit "
        "notes lower the revenue, not the count), per the company setting.",
    )
    revenue = fields.Monetary(
        readonly=True,
        help="Untaxed amount in the company currency, converted at the rate "
        "of each document's date; credit notes are deducted.",
    )
    margin = fields.Monetary(
        readonly=True,
        help="Revenue minus cost. Cost is the line quantity times the "
        "product's cost in this company (in the product's unit of measure); "
        "when Sales Margin is installed, its margin of the order lines is "
        "used instead, converted at the order's rate.",
    )
    average_order_value = fields.Monetary(
        readonly=True, aggregator="avg", help="Revenue divided by the number of orders."
    )
    frequency_per_year = fields.Float(
        string="Orders per Year",
        readonly=True,
        digits=(16, 2),
        aggregator="avg",
        help="Orders divided by the tenure in years; a tenure under one year "
        "counts as one year so that new customers are not overrated.",
    )
    recency_days = fields.Integer(
        string="Recency (days)",
        readonly=True,
        aggregator="avg",
        help="Days since the last purchase, as of the last recompute.",
    )
    tenure_days = fields.Integer(
        string="Tenure (days)",
        readonly=True,
        aggregator="avg",
        help="Days since the first purchase, as of the last recompute.",
    )
    r_score = fields.Integer(
        string="Recency Score",
        readonly=True,
        aggregator="avg",
        help="1 to 5: quintile of the last purchase date within the company "
        "(the most recent customers score 5), or the company's fixed "
        "thresholds in days. Tied customers share one score; the most "
        "recent date always scores 5.",
    )
    f_score = fields.Integer(
        string="Frequency Score",
        readonly=True,
        aggregator="avg",
        help="1 to 5: quintile of the number of orders within the company, "
        "or the company's fixed thresholds. Tied customers share one score; "
        "the most orders always score 5.",
    )
    m_score = fields.Integer(
        string="Monetary Score",
        readonly=True,
        aggregator="avg",
        help="1 to 5: quintile of the revenue within the company, or the "
        "company's fixed thresholds. Tied customers share one score; the "
        "highest revenue always scores 5.",
    )
    # The scores as labelled values, to group by in the R x F grid: written
    # with the scores by the recompute.
    r_grade = fields.Selection(
        R_GRADES,
        string="Recency",
        compute="_compute_grades",
        store=True,
        readonly=True,
        help="The recency score, 5 for the most recent customers.",
    )
    f_grade = fields.Selection(
        F_GRADES,
        string="Frequency",
        compute="_compute_grades",
        store=True,
        readonly=True,
        help="The frequency score, 5 for the most frequent customers.",
    )
    rfm_score = fields.Char(
        string="RFM",
        readonly=True,
        help="Recency, frequency and monetary scores, e.g. 545.",
    )
    # No index on the RFM segment nor the quadrant: a handful of values each,
    # and an index would be rewritten at every change of score.
    rfm_segment_id = fields.Many2one(
        "crm.relationship.rfm.segment",
        string="RFM Segment",
        readonly=True,
        ondelete="set null",
        help="First segment, by sequence, whose score ranges hold the scores.",
    )
    quadrant = fields.Selection(
        QUADRANTS,
        readonly=True,
        help="Loyalty (orders per year and tenure) crossed with profitability "
        "(margin), with the thresholds of the company settings.",
    )
    days_to_pay = fields.Float(
        string="Days to Pay",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Average days from the invoice date to the last payment of the "
        "customer invoices fully paid in the 12 months before the recompute "
        "(empty without any); the figure of the Accounting block.",
    )
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "A customer has one row of metrics per company.",
        ),
    ]

    @api.depends("r_score", "f_score")
    def _compute_grades(self):
        """Rows created or upgraded through the ORM; the recompute writes
        the grades in SQL with the scores."""
        for row in self:
            row.r_grade = str(row.r_score) if row.r_score else False
            row.f_grade = str(row.f_score) if row.f_score else False

    # ------------------------------------------------------------------
    # Recompute
    # ------------------------------------------------------------------
    def action_recompute_full(self):
        self._check_manager()
        self._recompute(self.env.companies, full=True)
        return True

    def action_recompute_incremental(self):
        self._check_manager()
        self._recompute(self.env.companies, full=False)
        return True

    @api.model
    def _check_manager(self):
        """Recomputes rewrite every customer's figures: managers only."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only Relationship managers recompute customer values.")
            )

    @api.model
    def _cron_recompute(self, full=False):
        companies = self.env["res.company"].sudo().search([("active", "=", True)])
        self.sudo()._recompute(companies, full=full)

    @api.model
    def _recompute(self, companies, full=True):
        """Refresh metrics, scores, RFM segments, quadrants, priorities, then
        the rule-based segments, which may use all of these."""
        self.flush_model()
        self.env["sale.order"].flush_model()
        self.env["account.move"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        today = fields.Date.context_today(self)
        for company in companies.sudo():
            watermark = self.env.cr.now()
            partner_ids = None
            if not full and company.crm_relationship_metrics_watermark:
                partner_ids = self._changed_partner_ids(
                    company, company.crm_relationship_metrics_watermark
                )
            self._refresh_company(company, today, partner_ids)
            company.crm_relationship_metrics_watermark = watermark
        self.invalidate_model()
        self.env["res.partner"]._relationship_apply_priority_rules()
        self.env["crm.relationship.segment"].sudo().search(
            [("company_id", "in", companies.ids)]
        )._refresh_members()

    def _changed_partner_ids(self, company, since):
        """Commercial partners with a document, counted or not, changed since.

        ``since`` is the start of the previous run's transaction, so the
        run's own writes (e.g. the orders' priority) are not picked up again.
        A document committed by a transaction that began before that run
        started is caught by the daily full recompute. Customer invoices
        changed since (e.g. paid) count in both modes: they move the days to
        pay.
        """
        if company.crm_relationship_value_source == "invoice":
            query = SQL(
                """
                SELECT DISTINCT am.commercial_partner_id
                  FROM account_move am
                 WHERE am.company_id = %(company)s
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.write_date > %(since)s
                   AND am.commercial_partner_id IS NOT NULL
                """,
                company=company.id,
                since=since,
            )
        else:
            query = SQL(
                """
                SELECT p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.write_date > %(since)s
                 UNION
                SELECT am.commercial_partner_id
                  FROM account_move am
                 WHERE am.company_id = %(company)s
                   AND am.move_type = 'out_invoice'
                   AND am.write_date > %(since)s
                   AND am.commercial_partner_id IS NOT NULL
                """,
                company=company.id,
                since=since,
            )
        self.env.cr.execute(query)
        return [row[0] for row in self.env.cr.fetchall()]

    def _documents_query(self, company, partner_ids):
        """One row per counted document: partner, date, revenue, margin, count."""
        cost = SQL(
            "COALESCE((pp.standard_price ->> %(company)s)::numeric, 0)",
            company=str(company.id),
        )
        if company.crm_relationship_value_source == "invoice":
            partner_filter = (
                SQL("AND am.commercial_partner_id = ANY(%s)", partner_ids)
                if partner_ids is not None
                else SQL()
            )
            qty = SQL(_QTY_IN_PRODUCT_UOM.format(qty="aml.quantity"))
            return SQL(
                """
                SELECT am.commercial_partner_id AS partner_id,
                       am.invoice_date AS doc_date,
                       CASE WHEN am.move_type = 'out_invoice' THEN 1 ELSE 0 END
                           AS doc_count,
                       am.amount_untaxed_signed AS revenue,
                       am.amount_untaxed_signed - COALESCE((
                           SELECT SUM(%(qty)s * %(cost)s)
                                  * CASE WHEN am.move_type = 'out_refund'
                                         THEN -1 ELSE 1 END
                             FROM account_move_line aml
                             JOIN product_product pp ON pp.id = aml.product_id
                             JOIN product_template pt
                               ON pt.id = pp.product_tmpl_id
                             LEFT JOIN uom_uom line_uom
                               ON line_uom.id = aml.product_uom_id
                             LEFT JOIN uom_uom product_uom
                               ON product_uom.id = pt.uom_id
                            WHERE aml.move_id = am.id
                              AND aml.display_type = 'product'
                       ), 0) AS margin
                  FROM account_move am
                 WHERE am.company_id = %(company)s
                   AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.commercial_partner_id IS NOT NULL
                   %(partner_filter)s
                """,
                qty=qty,
                cost=cost,
                company=company.id,
                partner_filter=partner_filter,
            )
        if partner_ids is None:
            partner_filter = line_partner_filter = SQL()
        else:
            partner_filter = SQL("AND p.commercial_partner_id = ANY(%s)", partner_ids)
            line_partner_filter = SQL(
                "JOIN sale_order lso ON lso.id = sol.order_id "
                "JOIN res_partner lp ON lp.id = lso.partner_id "
                "AND lp.commercial_partner_id = ANY(%s)",
                partner_ids,
            )
        rate = SQL("COALESCE(NULLIF(so.currency_rate, 0), 1)")
        revenue = SQL("so.amount_untaxed / %s", rate)
        line_value, margin = self._sale_margin_sql(revenue, cost, rate)
        # The lines are summed per order by one grouped join on the tables
        # themselves (not on a CTE of the orders), so that PostgreSQL knows
        # their sizes and plans hash joins, in parallel where it can; the
        # lines carry their order's company and state.
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   (so.date_order AT TIME ZONE 'UTC')::date AS doc_date,
                   1 AS doc_count,
                   %(revenue)s AS revenue,
                   %(margin)s AS margin
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              LEFT JOIN (
                  SELECT sol.order_id, SUM(%(line_value)s) AS value
                    FROM sale_order_line sol
                    %(line_partner_filter)s
                    JOIN product_product pp ON pp.id = sol.product_id
                    JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    LEFT JOIN uom_uom line_uom ON line_uom.id = sol.product_uom
                    LEFT JOIN uom_uom product_uom ON product_uom.id = pt.uom_id
                   WHERE sol.display_type IS NULL
                     AND sol.company_id = %(company)s
                     AND sol.state = 'sale'
                   GROUP BY sol.order_id
              ) costs ON costs.order_id = so.id
             WHERE so.company_id = %(company)s
               AND so.state = 'sale'
               %(partner_filter)s
            """,
            revenue=revenue,
            margin=margin,
            line_value=line_value,
            line_partner_filter=line_partner_filter,
            company=company.id,
            partner_filter=partner_filter,
        )

    def _sale_margin_sql(self, revenue, cost, rate):
        """What each order line adds up, and the order's margin from that sum
        (``costs.value``), in the company currency: the product cost by
        default; the Sales Margin glue uses the margin at order time."""
        line_value = SQL(
            "%s * %s",
            SQL(_QTY_IN_PRODUCT_UOM.format(qty="sol.product_uom_qty")),
            cost,
        )
        return line_value, SQL("%s - COALESCE(costs.value, 0)", revenue)

    def _refresh_company(self, company, today, partner_ids=None):
        """Figures of ``partner_ids`` (all when None), scores of the company.

        The raw figures of the partners in scope are aggregated from their
        documents; the other partners keep theirs. The score borders are
        read from all the figures, then the rows in scope are written with
        their scores, and the other rows only where they are out of date.
        Rows are written only when something changed; partners in scope left
        without any counted document lose their row.
        """
        self.flush_model()
        self._aggregate_figures(company, partner_ids, today)
        cuts = self._score_cuts(company, partner_ids, today)
        derived, stale = self._derivation(company, today, cuts)
        self._write_figures(company, partner_ids, derived)
        if partner_ids is not None:
            self._rescore_kept(company, derived, stale)

    def _aggregate_figures(self, company, partner_ids, today=None):
        """Raw figures of the partners in scope, in a temporary table named
        and shaped like the metrics' own columns. The days to pay come from
        the Accounting add-on's query (one aggregate for all the partners)."""
        days_to_pay = self.env["res.partner"]._relationship_days_to_pay_sql(
            company, partner_ids, today or fields.Date.context_today(self)
        )
        # A plain query may run on parallel workers, a statement that writes
        # may not: the documents are aggregated before anything is written.
        self.env.cr.execute(
            SQL(
                """
                DROP TABLE IF EXISTS crm_relationship_figures;
                CREATE TEMPORARY TABLE crm_relationship_figures ON COMMIT DROP AS
                WITH docs AS (%(docs)s),
                pay AS (%(days_to_pay)s)
                SELECT figures.*, ROUND(pay.days, 1) AS days_to_pay
                  FROM (SELECT partner_id,
                               MIN(doc_date) FILTER (WHERE doc_count > 0)
                                   AS first_purchase_date,
                               MAX(doc_date) FILTER (WHERE doc_count > 0)
                                   AS last_purchase_date,
                               SUM(doc_count)::int4 AS order_count,
                               ROUND(SUM(revenue), 2) AS revenue,
                               ROUND(SUM(margin), 2) AS margin
                          FROM docs
                         GROUP BY partner_id) figures
                  LEFT JOIN pay ON pay.partner_id = figures.partner_id;
                ANALYZE crm_relationship_figures;
                """,
                docs=self._documents_query(company, partner_ids),
                days_to_pay=days_to_pay,
            )
        )

    def _score_cuts(self, company, partner_ids, today):
        """The borders of the recency, frequency and monetary scores.

        Returns, per dimension, ``(borders, strict, top)``: the score is 5
        when the value reaches ``top``, else 1 plus the number of the four
        borders the value is above (``strict``) or at least at; a border of
        ``None`` is passed by every value. ``None`` each when nobody scores.

        With the company's fixed thresholds, the borders are the thresholds
        (recency days become dates: bought on or after ``today`` minus the
        days). With quintiles (the default), a value scores
        ceil(5 * p / n), p being the first position of the value among the
        n customers with an order sorted by ascending value (equal values
        share the first position of their group, so that a crowd of
        one-order customers stays at 1), and the best value always scores 5
        (a crowd of customers who ordered today is not pushed down). That is
        1 plus the number of borders s (1 to 4) the value is above, border s
        being the value at sorted position floor(s * n / 5) (none at 0):
        no rank per row.
        """
        if company.crm_relationship_rfm_method == "threshold":
            recency = [
                today - timedelta(days=company[f"crm_relationship_rfm_r{score}_days"])
                for score in (2, 3, 4, 5)
            ]
            frequency = [
                company[f"crm_relationship_rfm_f{score}"] for score in (2, 3, 4, 5)
            ]
            monetary = [
                company[f"crm_relationship_rfm_m{score}"] for score in (2, 3, 4, 5)
            ]
            return [
                (borders, False, None) for borders in (recency, frequency, monetary)
            ]
        kept = SQL()
        if partner_ids is not None:
            kept = SQL(
                """
                UNION ALL
                SELECT last_purchase_date, order_count, revenue
                  FROM crm_relationship_partner_metrics
                 WHERE company_id = %s AND order_count > 0
                   AND partner_id != ALL(%s)
                """,
                company.id,
                partner_ids,
            )
        # an array index of 0 gives NULL: the border every value passes
        self.env.cr.execute(
            SQL(
                """
                WITH scored AS (
                    SELECT last_purchase_date, order_count, revenue
                      FROM crm_relationship_figures
                     WHERE order_count > 0
                    %(kept)s
                ),
                sorted AS (
                    SELECT COUNT(*)::int4 AS n,
                           array_agg(last_purchase_date ORDER BY last_purchase_date)
                               AS r,
                           array_agg(order_count ORDER BY order_count) AS f,
                           array_agg(revenue ORDER BY revenue) AS m
                      FROM scored
                )
                SELECT array_agg(r[s * n / 5] ORDER BY s), MAX(r[n]),
                       array_agg(f[s * n / 5] ORDER BY s), MAX(f[n]),
                       array_agg(m[s * n / 5] ORDER BY s), MAX(m[n])
                  FROM sorted, generate_series(1, 4) s
                 WHERE n > 0
                """,
                kept=kept,
            )
        )
        row = self.env.cr.fetchone()
        if not row or row[0] is None:
            return [None, None, None]
        return [(row[i], True, row[i + 1]) for i in (0, 2, 4)]

    @api.model
    def _rfm_cells(self):
        """The RFM segment of each of the 125 score combinations, by position
        (r - 1) * 25 + (f - 1) * 5 + m: a few lookups instead of a join."""
        self.env["crm.relationship.rfm.segment"].flush_model()
        self.env.cr.execute(
            """
            SELECT (SELECT s.id
                      FROM crm_relationship_rfm_segment s
                     WHERE s.active
                       AND r BETWEEN s.recency_min AND s.recency_max
                       AND f BETWEEN s.frequency_min AND s.frequency_max
                       AND m BETWEEN s.monetary_min AND s.monetary_max
                     ORDER BY s.sequence, s.id
                     LIMIT 1)
              FROM generate_series(1, 5) r, generate_series(1, 5) f,
                   generate_series(1, 5) m
             ORDER BY r, f, m
            """
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _derivation(self, company, today, cuts):
        """SQL of the columns derived from the raw figures of a row ``t``.

        Returns ``{column: expression}`` and the condition under which a row
        whose raw figures did not change is out of date: another day, a moved
        quintile border or threshold, an edited RFM mapping or loyalty threshold. That
        condition reads the row's own day-dependent columns, cheaper than
        deriving them again, since all derived columns are written together.
        """
        scored = SQL("t.order_count > 0")
        r, f, m = (
            self._score_sql(scored, column, borders)
            for column, borders in zip(
                ("last_purchase_date", "order_count", "revenue"), cuts, strict=True
            )
        )
        recency = SQL("(%s::date - t.last_purchase_date)", today)
        tenure = SQL("(%s::date - t.first_purchase_date)", today)

        # the loyalty threshold compares the exact orders per year; the
        # stored figure is rounded for display only
        def exact_frequency(tenure):
            return SQL(
                "(t.order_count * 365.0 / GREATEST(COALESCE(%s, 0), 365))", tenure
            )

        frequency = SQL("ROUND(%s, 2)", exact_frequency(tenure))
        cells = SQL("%s::int4[]", self._rfm_cells())

        def segment(r, f, m):
            return SQL("(%s)[(%s - 1) * 25 + (%s - 1) * 5 + %s]", cells, r, f, m)

        def quadrant(frequency, tenure):
            loyal = SQL(
                "%s AND %s >= %s AND COALESCE(%s, 0) >= %s",
                scored,
                frequency,
                company.crm_relationship_loyal_frequency,
                tenure,
                company.crm_relationship_loyal_tenure_days,
            )
            profitable = SQL(
                "t.margin >= %s", company.crm_relationship_profitable_margin
            )
            return SQL(
                """(CASE WHEN %(loyal)s
                         THEN CASE WHEN %(profitable)s THEN 'true_friend'
                                   ELSE 'barnacle' END
                         WHEN %(profitable)s THEN 'butterfly'
                         ELSE 'stranger' END)::varchar""",
                loyal=loyal,
                profitable=profitable,
            )

        derived = {
            "average_order_value": SQL(
                "CASE WHEN %s THEN ROUND(t.revenue / t.order_count, 2) ELSE 0 END",
                scored,
            ),
            "recency_days": recency,
            "tenure_days": tenure,
            "frequency_per_year": frequency,
            "r_score": r,
            "f_score": f,
            "m_score": m,
            "rfm_score": SQL("%s::text || %s::text || %s::text", r, f, m),
            "r_grade": SQL("%s::varchar", r),
            "f_grade": SQL("%s::varchar", f),
            "rfm_segment_id": segment(r, f, m),
            "quadrant": quadrant(exact_frequency(tenure), tenure),
        }
        stale = SQL(
            """t.recency_days IS DISTINCT FROM %(recency)s
               OR (t.r_score, t.f_score, t.m_score) IS DISTINCT FROM
                  (%(r)s, %(f)s, %(m)s)
               OR t.rfm_segment_id IS DISTINCT FROM %(segment)s
               OR t.quadrant IS DISTINCT FROM %(quadrant)s""",
            recency=recency,
            r=r,
            f=f,
            m=m,
            segment=segment(SQL("t.r_score"), SQL("t.f_score"), SQL("t.m_score")),
            quadrant=quadrant(
                exact_frequency(SQL("t.tenure_days")), SQL("t.tenure_days")
            ),
        )
        return derived, stale

    @api.model
    def _score_sql(self, scored, column, cuts):
        """The score of a value: 5 at the top, else 1 plus the number of
        borders it passes (see ``_score_cuts``)."""
        if not cuts:
            return SQL("NULL::int4")
        borders, strict, top = cuts
        value = SQL.identifier("t", column)
        above = SQL(" + ").join(
            SQL("1")
            if border is None
            else SQL("(%s %s %s)::int4", value, SQL(">" if strict else ">="), border)
            for border in borders
        )
        score = SQL("1 + %s", above)
        if top is not None:
            score = SQL("CASE WHEN %s >= %s THEN 5 ELSE %s END", value, top, score)
        return SQL("CASE WHEN %s THEN %s END", scored, score)

    def _write_figures(self, company, partner_ids, derived):
        """Write the rows in scope from the aggregated figures: raw and
        derived columns, only where a value changed; ``computed_at`` moves
        only when a raw figure did."""
        names = [*RAW_COLUMNS, *derived]
        raw_values = [SQL.identifier("t", name) for name in RAW_COLUMNS]
        values = SQL(", ").join([*raw_values, *derived.values()])

        def current(columns):
            return SQL(", ").join(SQL.identifier("m", name) for name in columns)

        raw_changed = SQL(
            "(%s) IS DISTINCT FROM (%s)",
            current(RAW_COLUMNS),
            SQL(", ").join(raw_values),
        )
        scope = SQL()
        if partner_ids is not None:
            scope = SQL("AND m.partner_id = ANY(%s)", partner_ids)
        self.env.cr.execute(
            SQL(
                """
                WITH updated AS (
                    UPDATE crm_relationship_partner_metrics m
                       SET (%(columns)s) = (%(values)s),
                           computed_at = CASE WHEN %(raw_changed)s
                                              THEN %(now)s ELSE m.computed_at END
                      FROM crm_relationship_figures t
                     WHERE m.company_id = %(company)s
                       AND m.partner_id = t.partner_id
                       AND (%(current)s) IS DISTINCT FROM (%(values)s)
                ),
                inserted AS (
                    INSERT INTO crm_relationship_partner_metrics
                        (partner_id, company_id, computed_at, %(columns)s)
                    SELECT t.partner_id, %(company)s, %(now)s, %(values)s
                      FROM crm_relationship_figures t
                     WHERE NOT EXISTS (
                               SELECT 1 FROM crm_relationship_partner_metrics m
                                WHERE m.company_id = %(company)s
                                  AND m.partner_id = t.partner_id)
                     -- in key order: index pages and foreign keys are then
                     -- visited in sequence
                     ORDER BY t.partner_id
                    ON CONFLICT (partner_id, company_id) DO NOTHING
                )
                DELETE FROM crm_relationship_partner_metrics m
                 WHERE m.company_id = %(company)s
                   %(scope)s
                   AND NOT EXISTS (SELECT 1 FROM crm_relationship_figures t
                                    WHERE t.partner_id = m.partner_id)
                """,
                columns=SQL(", ").join(SQL.identifier(name) for name in names),
                values=values,
                current=current(names),
                raw_changed=raw_changed,
                company=company.id,
                scope=scope,
                now=self.env.cr.now(),
            )
        )

    def _rescore_kept(self, company, derived, stale):
        """Rewrite the derived columns of the company's other rows that are
        out of date: one pass over the table, no sort, no join."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_relationship_partner_metrics t
                   SET (%(names)s) = (%(values)s)
                 WHERE t.company_id = %(company)s AND (%(stale)s)
                """,
                names=SQL(", ").join(SQL.identifier(name) for name in derived),
                values=SQL(", ").join(derived.values()),
                stale=stale,
                company=company.id,
            )
        )
