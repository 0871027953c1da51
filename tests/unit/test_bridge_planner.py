import pytest

from bridge.mapping import (
    Record,
    References,
    Reject,
    external_name,
    map_interaction,
    map_row,
    map_ticket,
    split_tags,
)
from bridge.planner import (
    Conflict,
    decide_update,
    diff,
    group_writes,
    implicit_companies,
    match_candidates,
    parent_key,
    plan_entity,
)
from bridge.sources.base import SourceRow
from bridge.state import Known

# Reference data as Odoo would return it: (id, code) per country.
REFS = References(
    countries={"US": (233, "US"), "united states": (233, "US"),
               "BR": (31, "BR"), "brazil": (31, "BR")},
    states={(31, "SP"): 540, (31, "são paulo"): 540},
)  # fmt: skip


def row(entity="contacts", pk="1000", **fields):
    return SourceRow(entity, pk, fields, {"Record ID": pk, **fields}, 2)


def mapped(entity="contacts", pk="1000", **fields) -> Record:
    result = map_row("hs", row(entity, pk, **fields), REFS, "US")
    assert isinstance(result, Record), result
    return result


def test_map_contact_normalises_and_keeps_parent_by_name():
    record = mapped(first_name="Amy", last_name="Taylor", email="AMY@demo.net",
                    phone="4152568563", company_name=" Alpha  Dynamics ",
                    country="United States")  # fmt: skip
    assert record.values["name"] == "Amy Taylor"
    assert record.values["email"] == "amy@demo.net"
    assert record.values["phone"] == "+14152568563"
    assert record.values["country_id"] == 233
    assert record.values["is_company"] is False
    assert record.parent == ("name", "alpha dynamics")
    assert record.key == "hs_contacts_1000"
    assert record.match == {
        "email": "amy@demo.net",
        "phone": "+14152568563",
        "vat": None,
    }


def test_phone_uses_the_rows_country():
    record = mapped(
        name="Olist customer", phone="11 3456-7890", country="BR", state="SP"
    )
    assert record.values["phone"] == "+551134567890"
    assert record.values["state_id"] == 540


def test_map_rejects_name_the_problem():
    cases = {
        "unknown country 'Atlantis'": {"name": "x", "country": "Atlantis"},
        "state 'SP' given without a country": {"name": "x", "state": "SP"},
        "unknown state 'ZZ' for this country": {
            "name": "x",
            "country": "BR",
            "state": "ZZ",
        },
        "invalid VAT number '!'": {"name": "x", "vat": "!"},
    }
    for reason, fields in cases.items():
        result = map_row("hs", row(**fields), REFS, "US")
        assert isinstance(result, Reject) and result.reason == reason
    assert map_row("hs", row(pk="", name="x"), REFS, "US").reason.startswith("missing")


def test_digest_stable_and_sensitive():
    a = mapped(name="Amy", email="amy@demo.net")
    assert a.digest == mapped(name="Amy", email="AMY@demo.net ").digest
    assert a.digest != mapped(name="Amy", email="amy2@demo.net").digest


def test_external_name_safe_for_any_key():
    assert external_name("hs", "contacts", "1000") == "hs_contacts_1000"
    unsafe = external_name("sf", "companies", "Alpha Dynamics, Inc.")
    assert unsafe.startswith("sf_companies_Alpha-Dynamics-Inc_")
    assert unsafe != external_name("sf", "companies", "Alpha Dynamics Inc")


def test_plan_splits_new_changed_unchanged_and_duplicates():
    amy, jen, car = (mapped(pk=pk, name=n) for pk, n in
                     (("1", "Amy"), ("2", "Jen"), ("3", "Caroline")))  # fmt: skip
    again = mapped(pk="1", name="Amy")
    clash = mapped(pk="2", name="Jennifer")
    known = {"1": Known(11, amy.digest, None), "2": Known(12, "old", None)}
    plan = plan_entity("contacts", [amy, jen, car, again, clash], known)
    assert plan.unchanged == [amy]
    assert [(r.pk, k.odoo_id) for r, k in plan.changed] == [("2", 12)]
    assert plan.new == [car]
    assert [r.pk for r in plan.rejects] == ["2"]
    assert "first seen on line 2" in plan.rejects[0].reason


def test_implicit_companies_and_parent_keys():
    company = mapped("companies", "100", name="Alpha Dynamics")
    amy = mapped(pk="1", name="Amy", company_name="alpha dynamics")
    mike = mapped(pk="2", name="Michael", company_name="Madison Investments")
    pete = mapped(pk="3", name="Pete", company_name="MADISON investments")
    extra = implicit_companies("hs", [amy, mike, pete], [company])
    assert [(c.pk, c.values["name"]) for c in extra] == [
        ("name:madison investments", "Madison Investments")
    ]
    by_name = {"alpha dynamics": "100"}
    assert parent_key(amy, by_name) == "100"
    assert parent_key(mike, by_name) == "name:madison investments"
    assert parent_key(mapped(pk="4", name="x", parent_ref="Acc1"), by_name) == "Acc1"


def test_diff_ignores_empty_source_values_and_many2one_names():
    values = {"name": "Amy", "city": False, "country_id": 233, "phone": "+1",
              "category_id": [(4, 3)]}  # fmt: skip
    current = {"name": "Amy", "city": "Boston", "country_id": [233, "United States"],
               "phone": "+2", "category_id": [3, 9]}  # fmt: skip
    assert diff(values, current) == {"phone": "+1"}
    assert diff({"category_id": [(4, 5)]}, current) == {"category_id": [(4, 5)]}


def test_tags_split_sorted_and_in_the_digest():
    assert split_tags(" customer; VIP,customer ") == ("VIP", "customer")
    assert split_tags(None) == ()
    assert mapped(name="Amy", tags="lead").digest != mapped(name="Amy").digest


def test_conflict_policies():
    record = mapped(name="Amy", updated_at="2024-01-01T09:00:00")
    current = {"name": "Amy T.", "write_date": "2024-03-01 10:00:00"}
    synced = "2024-02-01 00:00:00"
    assert decide_update(record, current, synced, "source_wins", frozenset()) == {
        "name": "Amy"
    }
    assert isinstance(decide_update(record, current, synced, "odoo_wins", frozenset()),
                      Conflict)  # fmt: skip
    assert isinstance(
        decide_update(record, current, synced, "newest_wins", frozenset()), Conflict
    )
    assert (
        decide_update(record, current, synced, "source_wins", frozenset({"name"})) == {}
    )
    old = {"name": "Amy T.", "write_date": "2023-12-01 10:00:00"}
    assert decide_update(record, old, synced, "newest_wins", frozenset()) == {
        "name": "Amy"
    }


def test_writes_grouped_by_identical_values():
    groups = group_writes([(1, {"city": "a"}), (2, {"city": "b"}), (3, {"city": "a"})])
    assert groups == [([1, 3], {"city": "a"}), ([2], {"city": "b"})]


def test_matching_links_one_conflicts_on_ambiguity_and_creates_the_rest():
    amy = mapped(pk="1", name="Amy", email="amy@demo.net")
    jen = mapped(pk="2", name="Jen", email="jen@demo.net", phone="4158521463")
    new = mapped(pk="3", name="New")
    twin = mapped(pk="4", name="Amy again", email="amy@demo.net")
    taken = mapped(pk="5", name="Taken", email="taken@demo.net")
    found = [
        {"id": 7, "email_normalized": "amy@demo.net"},
        {"id": 8, "email_normalized": "jen@demo.net"},
        {"id": 9, "phone_sanitized": "+14158521463"},
        {"id": 10, "email_normalized": "taken@demo.net"},
    ]
    links, conflicts, creates = match_candidates(
        [amy, jen, new, twin, taken], found, {10}
    )
    assert links == {"1": 7}
    assert creates == [new]
    reasons = {c.pk: c.reason for c in conflicts}
    assert reasons["2"].startswith("ambiguous match: partners [8, 9]")
    assert "already linked to 1" in reasons["4"]
    assert "already linked" in reasons["5"]


def test_map_ticket_subject_date_description_and_contact():
    source_row = SourceRow("tickets", "3198084", {
        "subject": "Incorrect information on your report",
        "description": "Line one\nline <two>\n\nSecond paragraph",
        "contact_ref": "1000", "received_at": "2019-03-26T10:00:00+01:00",
    }, {}, 2)  # fmt: skip
    record = map_ticket("hs", source_row)
    assert record.values == {
        "name": "Incorrect information on your report",
        "description": "<p>Line one<br>line &lt;two&gt;</p><p>Second paragraph</p>",
        "email_from": False,
        "date_received": "2019-03-26 09:00:00",
    }
    assert record.parent == ("ref", "1000")
    assert record.key == "hs_tickets_3198084"


def test_map_ticket_rejects():
    no_subject = SourceRow("tickets", "1", {"description": "x"}, {}, 2)
    assert map_ticket("hs", no_subject).reason.startswith("no subject")
    bad_date = SourceRow(
        "tickets", "2", {"subject": "x", "received_at": "26/03/19"}, {}, 3
    )
    assert map_ticket("hs", bad_date).reason == "invalid date '26/03/19' (use ISO 8601)"


def test_map_interaction_to_a_chatter_note():
    row_ = SourceRow("interactions", "r1", {
        "activity_type": "Call", "body": "Péssimo",
        "occurred_at": "2018-08-15 00:00:00", "contact_ref": "5000",
    }, {}, 2)  # fmt: skip
    record = map_interaction("hs", row_)
    assert record.values == {
        "model": "res.partner", "message_type": "comment",
        "body": "<p><b>Call</b></p><p>Péssimo</p>", "date": "2018-08-15 00:00:00",
    }  # fmt: skip
    assert record.parent == ("ref", "5000")
    for fields, reason in [
        ({"body": "x", "contact_ref": "1", "activity_type": "fax"}, "unknown"),
        ({"contact_ref": "1"}, "no body"),
        ({"body": "x"}, "no contact"),
    ]:  # fmt: skip
        result = map_interaction("hs", SourceRow("interactions", "r", fields, {}, 3))
        assert result.reason.startswith(reason)


def test_map_interaction_planned_in_the_future_to_an_activity():
    row_ = SourceRow("interactions", "r2", {
        "activity_type": "meeting", "body": "Quarterly review",
        "occurred_at": "2030-01-15T14:00:00+01:00", "contact_ref": "5000",
    }, {}, 2)  # fmt: skip
    record = map_interaction("hs", row_, "2030-01-15 12:59:59")
    assert record.entity == "activities"
    assert record.key == "hs_activities_r2"
    assert record.values == {
        "activity_type_id": "meeting", "summary": "Meeting",
        "note": "<p>Quarterly review</p>", "date_deadline": "2030-01-15",
    }  # fmt: skip
    assert record.parent == ("ref", "5000")
    logged = map_interaction("hs", row_, "2030-01-15 13:00:00")
    assert logged.entity == "interactions", "due now: it took place"


def test_phone_extension_kept_and_not_a_matching_key():
    record = mapped(name="Desk", phone="+1 (201) 600-0000 ext. 10")
    assert record.values["phone"] == "+12016000000;ext=10"
    assert record.match["phone"] is None


def test_country_names_as_people_write_them():
    refs = References(
        countries={"US": (233, "US"), "DE": (57, "DE"), "GB": (231, "GB"),
                   "united states": (233, "US"), "germany": (57, "DE")},
        states={},
    )  # fmt: skip
    for text, code in [("USA", "US"), ("UK", "GB"), ("Deutschland", "DE"),
                       ("United States of America", "US"), ("  usa ", "US"),
                       ("Allemagne", "DE"), ("Great Britain", "GB")]:  # fmt: skip
        assert refs.country(text)[1] == code, text
    for unknown in ("Atlantis", "Korea"):
        with pytest.raises(ValueError, match="unknown country"):
            refs.country(unknown)


def test_a_contact_with_its_own_address_keeps_it_under_its_company():
    own = mapped(name="Amy", company_name="Alpha", city="Austin", country="US")
    assert own.values["type"] == "other"  # Odoo never overwrites its address
    shared = mapped(name="Jen", company_name="Alpha")
    assert "type" not in shared.values  # a contact: Odoo gives it the company's
    alone = mapped(name="Olist", city="Campinas", country="BR")
    assert "type" not in alone.values
