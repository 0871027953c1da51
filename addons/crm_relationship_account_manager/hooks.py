# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def uninstall_hook(env):
    """Keep the open handover activities as to-dos.

    An activity's type is ``ondelete="restrict"``: the add-on's "Account
    Handover" type could not be deleted while handovers are open. They stay
    on the customers' timelines, as Odoo's plain To-Do.
    """
    handover = env.ref(
        "crm_relationship_account_manager.mail_activity_type_account_handover",
        raise_if_not_found=False,
    )
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    if handover and todo:
        env["mail.activity"].sudo().with_context(active_test=False).search(
            [("activity_type_id", "=", handover.id)]
        ).write({"activity_type_id": todo.id})
