/** @odoo-module **/
// Copyright 2026 CRM Relationship contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("crm_relationship_loyalty_card_tour", {
    steps: () => [
        {
            content: "Open the group of Tour Bronze members",
            trigger: ".o_group_header:contains('Tour Bronze')",
            run: "click",
        },
        {
            content: "Open Tour Tina's card",
            trigger: ".o_data_row td:contains('Tour Tina')",
            run: "click",
        },
        {
            content: "The card shows its tier and the progress to the next one",
            trigger: ".o_field_widget[name='tier_progress_text']:contains('380')",
        },
        {
            content: "The expiry schedule lists the award",
            trigger: ".o_notebook a:contains('Expiry Schedule')",
            run: "click",
        },
        {
            content: "with its 120 points",
            trigger: ".o_field_widget[name='award_ids'] td:contains('120')",
        },
        {
            content: "A manager sets the tier by hand",
            trigger: "button[name='action_set_tier']",
            run: "click",
        },
        {
            content: "Choose Tour Gold",
            trigger: ".modal .o_field_widget[name='tier_id'] input",
            run: "edit Tour Gold",
        },
        {
            trigger: ".ui-autocomplete a:contains('Tour Gold')",
            run: "click",
        },
        {
            content: "Give a reason",
            trigger: ".modal .o_field_widget[name='reason'] input",
            run: "edit Tour ambassador",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The card is Gold now",
            trigger: ".o_field_widget[name='tier_id']:contains('Tour Gold')",
        },
        {
            content: "and its program has a Tiers tab",
            trigger: ".breadcrumb-item a",
            run: "click",
        },
        {
            trigger: ".o_list_view",
        },
    ],
});
