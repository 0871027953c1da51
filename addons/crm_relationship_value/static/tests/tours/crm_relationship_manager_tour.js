/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// What a relationship manager meets on the demo data: the app, its
// customers, a customer's Relationship tab, the segments and the R x F grid.
const CUSTOMER = "Brown Emporium";

registry.category("web_tour.tours").add("crm_relationship_manager_tour", {
    steps: () => [
        ...stepUtils.goToAppSteps(
            "crm_relationship.crm_relationship_menu_root",
            "Open the Relationship app"
        ),
        {
            content: "The app opens on the customers list",
            trigger: ".o_breadcrumb .active:contains('Customers')",
        },
        {
            content: "The list shows the value, last purchase, RFM segment and priority",
            trigger: ".o_list_view th[data-name='relationship_revenue']:contains('Value')",
        },
        {
            trigger: ".o_list_view th[data-name='relationship_last_purchase_date']",
        },
        {
            trigger: ".o_list_view th[data-name='relationship_rfm_segment_id']",
        },
        {
            trigger: ".o_list_view th[data-name='relationship_priority']",
        },
        {
            content: "Look the customer up",
            trigger: ".o_searchview_input",
            run: `edit ${CUSTOMER}`,
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Its row: revenue, RFM segment and Key badge",
            trigger: `.o_data_row:contains('${CUSTOMER}'):contains('5,885.52'):contains('Champions') .badge:contains('Key')`,
        },
        {
            content: "Only this customer is listed",
            trigger: ".o_list_view:not(:has(.o_data_row ~ .o_data_row))",
        },
        {
            content: "Open the customer",
            trigger: `.o_data_row td[name='complete_name']:contains('${CUSTOMER}')`,
            run: "click",
        },
        {
            content: "Open the Relationship tab",
            trigger: ".o_notebook a[name='crm_relationship']",
            run: "click",
        },
        {
            content: "A company has no empty Profile block",
            trigger:
                ".o_notebook .tab-pane.active:not(:has(.o_horizontal_separator:contains('Profile')))",
        },
        {
            content: "The revenue",
            trigger: ".o_field_widget[name='relationship_revenue']:contains('5,885.52')",
        },
        {
            content: "The RFM score and segment",
            trigger: ".o_field_widget[name='relationship_rfm_score']:contains('545')",
        },
        {
            trigger: ".o_field_widget[name='relationship_rfm_segment_id']:contains('Champions')",
        },
        {
            content: "The quadrant badge, in its colour",
            trigger:
                ".o_field_widget[name='relationship_quadrant'] .badge.text-bg-info:contains('Butterfly')",
        },
        {
            content: "The priority badge",
            trigger:
                ".tab-pane.active .o_field_widget[name='relationship_priority'] .badge:contains('Key')",
        },
        {
            content: "Open the consent history",
            trigger: ".o_notebook a[name='crm_relationship_consent']",
            run: "click",
        },
        {
            content: "The statements are listed",
            trigger:
                ".o_field_widget[name='consent_ids'] .o_data_row:contains('Email'):contains('Granted')",
        },
        {
            content: "Open the segments",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_relationship_value.crm_relationship_menu_segments']",
            run: "click",
        },
        {
            content: "A segment of one counts one member",
            trigger:
                ".o_kanban_record:contains('Tour single customer') button[name='action_view_members']:contains('1 member'):not(:contains('members'))",
        },
        {
            content: "Other segments count their members",
            trigger:
                ".o_kanban_record:contains('Big spenders') button[name='action_view_members']:contains('members')",
        },
        {
            content: "Open the reporting menu",
            trigger: ".o_main_navbar [data-menu-xmlid='crm_relationship.crm_relationship_menu_reporting']",
            run: "click",
        },
        {
            content: "Open the customer value",
            trigger: "[data-menu-xmlid='crm_relationship_value.crm_relationship_menu_partner_metrics']",
            run: "click",
        },
        {
            content: "The recompute buttons leave room for the title",
            trigger: ".o_breadcrumb .active:contains('Customer Value')",
            run() {
                const title = document.querySelector(".o_breadcrumb .active");
                if (title.scrollWidth > title.clientWidth) {
                    throw new Error("The title Customer Value is cut short");
                }
            },
        },
        {
            content: "Switch to the R x F grid",
            trigger: ".o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "Rows read as recency, columns as frequency",
            trigger: ".o_pivot th:contains('5 - most recent')",
        },
        {
            trigger: ".o_pivot th:contains('1 - least recent')",
        },
        {
            trigger: ".o_pivot th:contains('1 - least frequent')",
        },
        {
            trigger: ".o_pivot th:contains('4 - frequent')",
        },
    ],
});
