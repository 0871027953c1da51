/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const CUSTOMER = "Tour Customer Beatriz";

registry.category("web_tour.tours").add("crm_relationship_profile_tour", {
    steps: () => [
        {
            content: "The customer is open",
            trigger: `.o_form_view .o_field_widget[name='name']:contains('${CUSTOMER}'), .o_form_view .o_field_widget[name='name'] input:value(${CUSTOMER})`,
        },
        {
            content: "Open the Relationship tab",
            trigger: ".o_notebook a[name='crm_relationship']",
            run: "click",
        },
        {
            content: "Date of birth",
            trigger: ".o_field_widget[name='relationship_birthdate'] input",
            run: "edit 05/20/1990",
        },
        {
            content: "Education",
            trigger: ".o_field_widget[name='education_level'] select",
            run: "selectByLabel Bachelor",
        },
        {
            content: "Marital status",
            trigger: ".o_field_widget[name='marital_status'] select",
            run: "selectByLabel Single",
        },
        {
            content: "Preferred channel",
            trigger: ".o_field_widget[name='preferred_channel'] select",
            run: "selectByLabel Email",
        },
        {
            content: "The age is shown once the date is known",
            trigger: ".o_field_widget[name='relationship_age']:not(:empty)",
        },
        {
            content: "The consent history has its own tab",
            trigger: ".o_notebook a[name='crm_relationship_consent']",
            run: "click",
        },
        {
            content: "Record a consent",
            trigger: ".o_field_widget[name='consent_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Consent channel",
            trigger:
                ".o_field_widget[name='consent_ids'] .o_data_row .o_field_widget[name='channel'] select",
            run: "selectByLabel Email",
        },
        {
            content: "Consent source",
            trigger:
                ".o_field_widget[name='consent_ids'] .o_data_row .o_field_widget[name='source'] select",
            run: "selectByLabel Web form",
        },
        ...stepUtils.saveForm(),
        {
            content: "The email consent flag follows the statement",
            trigger: ".o_field_widget[name='consent_email'] input:checked",
        },
    ],
});
