# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Email Marketing",
    "summary": "Mailings to customer segments, sent only to contacts who "
    "consent to email",
    "version": "18.0.1.1.0",
    "category": "Marketing/Email Marketing",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_value",
        "mass_mailing",
    ],
    "data": [
        "views/crm_relationship_segment_views.xml",
    ],
    "auto_install": True,
}
