/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// An Invoicing user on a posted invoice of a Key customer of the demo data:
// reports a grievance and sees the customer's priority on it.
registry.category("web_tour.tours").add("crm_relationship_grievance_accountant_tour", {
    steps: () => [
        {
            content: "Report a grievance from the posted invoice",
            trigger: ".o_form_view button[name='action_new_grievance']",
            run: "click",
        },
        {
            content: "The invoice is on the grievance",
            trigger: ".o_field_widget[name='invoice_id'] input:value(INV/)",
        },
        {
            content: "The customer's priority shows at once",
            trigger: ".o_field_widget[name='customer_priority'] .badge:contains('Key')",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour: invoiced twice",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with someone responsible",
            trigger: ".o_form_saved .o_field_widget[name='user_id'] .o_m2o_avatar",
        },
        {
            content: "A Key customer's grievance is urgent",
            trigger: ".o_field_widget[name='priority'] .fa-star ~ .fa-star ~ .fa-star",
        },
        {
            content: "Back to the invoice",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('INV/')",
            run: "click",
        },
        {
            content: "The invoice counts its grievance",
            trigger: "button[name='action_view_grievances'] .o_stat_value:contains('1')",
        },
    ],
});
