/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// A Sales user (own documents only) on an order of a Key customer of the
// demo data: sees the customer's priority, reports a grievance, is its
// responsible.
registry.category("web_tour.tours").add("crm_relationship_grievance_salesperson_tour", {
    steps: () => [
        {
            content: "The order shows the customer is a Key customer",
            trigger: ".o_form_view .o_field_widget[name='relationship_priority'] .badge:contains('Key')",
        },
        {
            content: "Report a grievance from the order",
            trigger: ".o_form_view button[name='action_new_grievance']",
            run: "click",
        },
        {
            content: "The order is on the grievance",
            trigger: ".o_field_widget[name='sale_order_id'] input:value(S0)",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour: chair legs uneven",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The salesperson of the order is responsible",
            trigger: ".o_form_saved .o_field_widget[name='user_id'] input:value(Tour Sara Salesperson)",
        },
        {
            content: "The grievance shows the customer's priority",
            trigger: ".o_field_widget[name='customer_priority'] .badge:contains('Key')",
        },
        {
            content: "The SLA clock runs",
            trigger: ".o_field_widget[name='sla_status'] .badge:contains('On Track')",
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
