# Copyright 2026 CRM Relationship contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Open the ledger of the loyalty cards that exist at install: one
    opening award (or debt) per card for the part of its balance that no
    award holds, so that balance and awards agree from the start."""
    mismatches = env["loyalty.card"].sudo()._balance_mismatches()
    if mismatches:
        env["loyalty.history"].sudo().create(
            [
                {
                    "card_id": card_id,
                    "description": env._("Opening balance"),
                    "issued": max(balance - ledger, 0.0),
                    "used": max(ledger - balance, 0.0),
                    "movement_type": "adjustment",
                }
                for card_id, balance, ledger in mismatches
            ]
        )


def uninstall_hook(env):
    """Keep the add-on's loyalty programs that cards still use.

    A card's program is ``ondelete="restrict"`` in ``loyalty``, which stays
    installed: a program shipped by this add-on (its demo program) that
    customers joined is kept, with its rules and rewards, as ordinary data
    of ``loyalty`` instead of failing to be deleted.
    """
    data = env["ir.model.data"].sudo()
    programs = (
        env["loyalty.program"]
        .sudo()
        .with_context(active_test=False)
        .browse(
            data.search(
                [
                    ("module", "=", "crm_relationship_loyalty"),
                    ("model", "=", "loyalty.program"),
                ]
            ).mapped("res_id")
        )
        .exists()
    )
    used = programs.filtered(lambda program: program.coupon_count)
    kept = {
        "loyalty.program": used.ids,
        "loyalty.rule": used.rule_ids.ids,
        "loyalty.reward": used.reward_ids.ids,
    }
    for model, ids in kept.items():
        data.search(
            [
                ("module", "=", "crm_relationship_loyalty"),
                ("model", "=", model),
                ("res_id", "in", ids),
            ]
        ).unlink()
