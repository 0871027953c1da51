# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Relationship - Account Managers and Grievances",
    "summary": "Grievances of the own portfolio only, open grievances per "
    "account manager and in the handover",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM Relationship contributors",
    "license": "LGPL-3",
    "depends": [
        "crm_relationship_account_manager",
        "crm_relationship_grievance",
    ],
    "data": [
        "security/crm_relationship_account_manager_grievance_security.xml",
        "views/crm_relationship_grievance_views.xml",
    ],
    "auto_install": True,
}
