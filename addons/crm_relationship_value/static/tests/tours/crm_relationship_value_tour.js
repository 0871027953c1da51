/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_value_tour", {
    steps: () => [
        {
            content: "The key customer's badge shows under its name",
            trigger: ".o_form_view .oe_title .o_field_widget[name='relationship_priority'] .badge:contains('Key')",
        },
        {
            content: "Open the Relationship tab",
            trigger: ".o_notebook a[name='crm_relationship']",
            run: "click",
        },
        {
            content: "The RFM segment is shown",
            trigger: ".o_field_widget[name='relationship_rfm_segment_id']:contains('Champions')",
        },
        {
            content: "The RFM score is shown",
            trigger: ".o_field_widget[name='relationship_rfm_score']:contains('555')",
        },
        {
            content: "The quadrant is shown",
            trigger: ".o_field_widget[name='relationship_quadrant'] .badge:contains('True friend')",
        },
        {
            content: "The reason of the manual priority is shown",
            trigger: ".o_field_widget[name='relationship_priority_reason'] input:value(Board member)",
        },
    ],
});
