/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_loyalty_program_tour", {
    steps: () => [
        {
            content: "The program form has a Tiers tab",
            trigger: ".o_notebook a:contains('Tiers')",
            run: "click",
        },
        {
            content: "listing its tiers with their thresholds",
            trigger: ".o_field_widget[name='tier_ids'] td:contains('Tour Gold')",
        },
        {
            content: "and the qualification settings",
            trigger: ".o_field_widget[name='qualification_window']",
        },
        {
            content: "Assess the members now",
            trigger: "button[name='action_assess_tiers']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The form is back",
            trigger: ".o_form_view:not(:has(.modal))",
        },
    ],
});
