/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_grievance_analysis_tour", {
    steps: () => [
        {
            content: "The analysis opens on the number of grievances",
            trigger: ".o_pivot th.o_pivot_measure_row:contains('Grievances')",
        },
        {
            content: "and the SLA compliance, two measures only",
            trigger: ".o_pivot th.o_pivot_measure_row:contains('SLA Compliance (%)')",
        },
        {
            content: "The hours to first response are one click away, not shown",
            trigger: ".o_pivot:not(:has(th.o_pivot_measure_row:contains('Hours to First Response')))",
        },
        {
            content: "One kept, one breached, one still open: 50% compliance",
            trigger: ".o_pivot tr:has(th:contains('Tour Analysis')) td:contains('50.00')",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Its SLA statuses come in their order: On Track first",
            trigger: ".o_graph_renderer",
            run() {
                const chart = Chart.getChart(this.anchor.querySelector("canvas"));
                const labels = chart.data.labels;
                const order = ["On Track", "At Risk", "Breached"];
                const ranks = labels.map((label) => order.indexOf(label));
                const sorted = [...ranks].sort((a, b) => a - b);
                if (
                    !labels.includes("On Track") ||
                    ranks.includes(-1) ||
                    JSON.stringify(ranks) !== JSON.stringify(sorted)
                ) {
                    throw new Error(`SLA statuses in the graph: ${labels}`);
                }
            },
        },
    ],
});
