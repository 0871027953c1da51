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
