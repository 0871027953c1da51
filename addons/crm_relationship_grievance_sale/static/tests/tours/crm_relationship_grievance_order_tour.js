/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_grievance_order_tour", {
    steps: () => [
        {
            content: "Report a grievance from the confirmed order",
            trigger: ".o_form_view button[name='action_new_grievance']",
            run: "click",
        },
        {
            content: "The customer comes from the order",
            trigger: ".o_field_widget[name='partner_id'] input:value(Tour Loja Verde)",
        },
        {
            content: "So does the ordered product",
            trigger: ".o_field_widget[name='product_ids'] .o_tag:contains('Tour Mesa Verde')",
        },
        {
            content: "Name the complaint",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour: table arrived scratched",
        },
        {
            content: "A critical one",
            trigger: ".o_field_widget[name='severity'] select",
            run: 'select "critical"',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "A critical complaint gets the top priority",
            trigger: ".o_field_widget[name='priority'] .fa-star ~ .fa-star ~ .fa-star",
        },
        {
            content: "The SLA clock runs",
            trigger: ".o_field_widget[name='sla_status'] .badge:contains('On Track')",
        },
        {
            content: "The deadline is shown",
            trigger: ".o_field_widget[name='sla_deadline']",
        },
        {
            content: "Back to the order",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('S0')",
            run: "click",
        },
        {
            content: "The order counts its grievance",
            trigger: "button[name='action_view_grievances'] .o_stat_value:contains('1')",
        },
    ],
});
