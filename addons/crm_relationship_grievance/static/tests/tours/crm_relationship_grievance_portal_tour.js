/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

const SUBJECT = "Tour: the box was empty";

registry.category("web_tour.tours").add("crm_relationship_grievance_portal_tour", {
    steps: () => [
        {
            content: "Open the complaint form from the list",
            trigger: "a.o_grievance_new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: "form.o_grievance_form input[name='name']",
            run: `edit ${SUBJECT}`,
        },
        {
            content: "Category",
            trigger: "form.o_grievance_form select[name='category_id']",
            run: "selectByLabel Delivery / Late",
        },
        {
            content: "What happened",
            trigger: "form.o_grievance_form textarea[name='description']",
            run: "edit The parcel arrived, the box inside was empty.",
        },
        {
            content: "Send",
            trigger: "form.o_grievance_form button.o_grievance_submit",
            run: "click",
        },
        {
            content: "The complaint page shows it",
            trigger: `.o_grievance_card:contains('${SUBJECT}')`,
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/grievances']",
            run: "click",
        },
        {
            content: "The complaint is listed",
            trigger: `.o_grievance_row .o_grievance_subject:contains('${SUBJECT}')`,
        },
    ],
});
