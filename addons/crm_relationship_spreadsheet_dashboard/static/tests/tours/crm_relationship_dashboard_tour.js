/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_dashboard_tour", {
    steps: () => [
        {
            content: "The Customer Relationship dashboard is listed in its group",
            trigger: ".o_search_panel_section:contains('Customer Relationship') .o_search_panel_category_value[data-name='Customer Relationship']",
            run: "click",
        },
        {
            content: "It opens",
            trigger: ".o_search_panel_category_value.active[data-name='Customer Relationship']",
        },
        {
            content: "Its scorecards and charts are drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure .o-scorecard",
            run() {
                const figures = document.querySelectorAll(".o_spreadsheet_dashboard_action .o-figure");
                if (figures.length < 4) {
                    throw new Error(`${figures.length} figures drawn, 4 scorecards expected at least`);
                }
            },
        },
    ],
});
