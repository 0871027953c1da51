/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

// An Invoicing user outside the Relationship group opens a customer of the
// demo data from Invoicing > Customers: the Relationship tab shows them the
// Accounting block.
registry.category("web_tour.tours").add("crm_relationship_account_tour", {
    steps: () => [
        {
            content: "Open the Relationship tab",
            trigger: ".o_form_view .o_notebook a[name='crm_relationship']",
            run: "click",
        },
        {
            content: "The Accounting block shows",
            trigger: ".o_group .o_horizontal_separator:contains('Accounting')",
        },
        {
            content: "The receivable is shown",
            trigger: ".o_field_widget[name='credit']",
        },
        {
            content: "The average days to pay of the paid invoice",
            trigger: ".o_field_widget[name='relationship_days_to_pay']:contains('20.00')",
        },
        {
            content: "The overdue amount is shown",
            trigger: ".o_field_widget[name='relationship_overdue_amount']",
        },
        {
            content: "No value figures without the Relationship group",
            trigger: ".o_notebook:not(:has(.o_field_widget[name='relationship_revenue']))",
        },
    ],
});
