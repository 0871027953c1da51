/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_account_manager_assign_tour", {
    steps: () => [
        {
            content: "Assign the unassigned customers by the rules",
            trigger: ".modal .o_field_widget[name='mode'] input[data-value='unassigned']:checked",
        },
        {
            content: "Preview",
            trigger: ".modal button[name='action_preview']",
            run: "click",
        },
        {
            content: "The preview lists the customer and its new manager",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains('Tour Customer Amadeo')",
        },
        {
            content: "The loads before and after",
            trigger: ".modal a[name='loads'], .modal .nav-link:contains('Loads')",
            run: "click",
        },
        {
            content: "Apply",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_notification:contains('new account manager')",
        },
    ],
});
