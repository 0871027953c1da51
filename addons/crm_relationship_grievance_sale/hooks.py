# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

REPORTER = "crm_relationship_grievance.group_crm_relationship_grievance_report"
# Odoo's groups this add-on makes Grievance Reporters.
REPORTING_GROUPS = ("sales_team.group_sale_salesman", "account.group_account_invoice")


def uninstall_hook(env):
    """Sales and Invoicing users stop being Grievance Reporters by default:
    the add-on's links from Odoo's groups go with it (the users keep what
    they were given)."""
    reporter = env.ref(REPORTER, raise_if_not_found=False)
    if not reporter:
        return
    for xmlid in REPORTING_GROUPS:
        group = env.ref(xmlid, raise_if_not_found=False)
        if group and reporter in group.implied_ids:
            group.implied_ids -= reporter
