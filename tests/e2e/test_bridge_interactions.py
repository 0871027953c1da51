"""Interactions (real Olist review comments) become notes in the chatter of
the contact they belong to."""

from bridge_helpers import hubspot_files, make_config, partner_by_key, run

from bridge import samples


def test_review_comments_land_as_notes_on_their_contact(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    files = hubspot_files(tmp_path, olist_limit=30)
    rows = samples.hubspot_activity_rows(30)
    rows.append(["lost-1", "call", "Called, no answer", "2018-01-01", "424242"])
    files["interactions"] = samples.write_csv(
        tmp_path / "activities.csv", samples.HUBSPOT_ACTIVITY_HEADER, rows
    )
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files)
    result = run(config, admin_client)
    rejected = [r for r in result.rejects if r.entity == "interactions"]
    assert [r.pk for r in rejected] == ["lost-1"]
    assert result.counts["interactions"]["created"] == len(rows) - 1
    first = rows[0]
    partner = partner_by_key(admin_client, f"{run_tag}_contacts_{first[4]}")
    notes = admin_client.execute(
        "mail.message", "search_read",
        [[("model", "=", "res.partner"), ("res_id", "=", partner["id"])]],
        {"fields": ["body", "date", "subtype_id", "message_type"]},
    )  # fmt: skip
    bodies = [n["body"] for n in notes]
    assert any(first[2] in body for body in bodies)
    again = run(config, admin_client)
    assert again.counts["interactions"]["unchanged"] == len(rows) - 1
