/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_grievance_analysis_tour", {
    steps: () => [
        {
            content: "The analysis measures the SLA compliance",
            trigger: ".o_pivot th.o_pivot_measure_row:contains('SLA Compliance (%)')",
        },
        {
            content: "and the hours to first response",
            trigger: ".o_pivot th.o_pivot_measure_row:contains('Hours to First Response')",
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
    ],
});
