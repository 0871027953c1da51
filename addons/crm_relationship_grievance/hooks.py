# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """Empty the grievance table before Odoo removes the add-on's data.

    A grievance's stage is ``ondelete="restrict"``, so the stages shipped as
    data could not be deleted while grievances point at them. The table is
    dropped by the uninstall anyway; its messages, followers and activities
    are removed by ``mail`` with the model.
    """
    env.cr.execute("DELETE FROM crm_relationship_grievance")
