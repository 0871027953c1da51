"""Interactions (real Olist review comments) become notes in the chatter of
the contact they belong to."""

import datetime as dt

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


def test_planned_interactions_become_activities_until_logged(
    tmp_path, admin_endpoint, admin_client, run_tag
):
    files = hubspot_files(tmp_path, olist_limit=5)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    when = soon.strftime("%Y-%m-%dT10:00:00Z")
    rows = [
        ["plan-1", "meeting", "Quarterly review", when, "5000"],
        ["plan-2", "call", "Follow-up on the late parcel", when, "5000"],
    ]
    path = tmp_path / "activities.csv"
    files["interactions"] = samples.write_csv(
        path, samples.HUBSPOT_ACTIVITY_HEADER, rows
    )
    config = make_config(tmp_path, admin_endpoint, run_tag, "hubspot", files)
    assert run(config, admin_client).counts["activities"]["created"] == 2
    partner = partner_by_key(admin_client, f"{run_tag}_contacts_5000")

    def planned():
        return admin_client.execute(
            "mail.activity", "search_read",
            [[("res_model", "=", "res.partner"), ("res_id", "=", partner["id"])]],
            {"fields": ["activity_type_id", "summary", "date_deadline", "note"]},
        )  # fmt: skip

    activities = planned()
    assert {a["activity_type_id"][1] for a in activities} == {"Meeting", "Call"}
    assert {a["date_deadline"] for a in activities} == {soon.strftime("%Y-%m-%d")}
    assert any("late parcel" in a["note"] for a in activities)
    assert run(config, admin_client).counts["activities"]["unchanged"] == 2

    rows[1][3] = "2020-01-02T10:00:00Z"  # the call took place and is logged
    samples.write_csv(path, samples.HUBSPOT_ACTIVITY_HEADER, rows)
    third = run(config, admin_client)
    assert third.counts["interactions"]["created"] == 1
    assert [a["summary"] for a in planned()] == ["Meeting"]
    assert "1 planned activities replaced" in " ".join(third.notes)
