/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

const SUBJECT = "Tour: the box was empty";

registry.category("web_tour.tours").add("crm_relationship_grievance_portal_tour", {
    steps: () => [
        {
            content: "Open the grievance form from the list",
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
            content: "Product",
            trigger: "form.o_grievance_form select[name='product_id']",
            run: "selectByLabel Tour Blue Chair",
        },
        {
            content: "Required fields are marked",
            trigger: "form.o_grievance_form label[for='description'] .text-danger:contains('*')",
        },
        {
            content: "What happened",
            trigger: "form.o_grievance_form textarea[name='description']",
            run: "edit The parcel arrived, the box inside was empty.",
        },
        {
            content: "A file",
            trigger: "form.o_grievance_form input[name='attachments']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["The box was empty."], "empty-box.txt", {type: "text/plain"})
                );
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Send",
            trigger: "form.o_grievance_form button.o_grievance_submit",
            run: "click",
        },
        {
            content: "The confirmation says when we reply",
            trigger: ".o_grievance_confirmation:contains('You will hear from us by') .o_grievance_reply_by",
        },
        {
            content: "The grievance page shows it, its product and its file",
            trigger: `.o_grievance_card:contains('${SUBJECT}'):contains('Tour Blue Chair') .o_grievance_attachments a:contains('empty-box.txt')`,
        },
        {
            content: "Back to the list",
            trigger: ".o_portal_submenu a[href='/my/grievances']",
            run: "click",
        },
        {
            content: "The grievance is listed",
            trigger: `.o_grievance_row .o_grievance_subject:contains('${SUBJECT}')`,
        },
    ],
});
