import gzip
import shutil

import pytest
from openpyxl import Workbook

from bridge import samples
from bridge.errors import ConfigError
from bridge.sources.files import ExportFileSource
from bridge.sources.presets import PRESETS, load_mapping

SF = samples.DATA_DIR / "salesforce_sample_lwc_recipes"
needs_data = pytest.mark.skipif(not SF.is_dir(), reason="shared data folder not found")


def unzip(name, folder):
    with gzip.open(SF / f"{name}.gz", "rb") as src, open(folder / name, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return folder / name


@needs_data
def test_salesforce_report_csv_gives_companies_and_contacts(tmp_path):
    report = unzip("Accounts-Contacts.csv", tmp_path)
    source = ExportFileSource(
        "sf", {"companies": report, "contacts": report}, PRESETS["salesforce"]
    )
    companies = list(source.read("companies"))
    contacts = list(source.read("contacts"))
    assert len(companies) == 14  # one per line; the planner merges repeats
    assert len({c.pk for c in companies}) == 10
    assert len(contacts) == 6  # lines without a contact hold no contact
    amy = contacts[0]
    assert amy.pk == "amy@demo.net"
    assert amy.fields["company_name"] == "Alpha Dynamics"
    assert amy.fields["first_name"] == "Amy"
    assert companies[-1].raw["Account: Account Name"] == "Edge Communications"


@needs_data
def test_salesforce_sobject_tree_resolves_references(tmp_path):
    files = {
        "companies": unzip("Accounts.json", tmp_path),
        "contacts": unzip("Contacts.json", tmp_path),
    }
    source = ExportFileSource("sf", files, PRESETS["salesforce"])
    accounts = list(source.read("companies"))
    assert accounts[0].pk == "AccountRef1"
    assert accounts[0].fields == {
        "name": "Alpha Dynamics",
        "phone": "3362227000",
        "tags": "Technology Partner",
    }
    contacts = list(source.read("contacts"))
    assert contacts[0].pk == "ContactRef1"
    assert contacts[0].fields["parent_ref"] == "AccountRef1"


@needs_data
def test_hubspot_and_zoho_layouts_built_from_real_rows(tmp_path):
    path = samples.write_csv(tmp_path / "hs.csv", samples.HUBSPOT_CONTACT_HEADER,
                             samples.hubspot_contact_rows(3))  # fmt: skip
    rows = list(
        ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"]).read("contacts")
    )
    assert [r.pk for r in rows[:2]] == ["1000", "1001"]
    assert rows[0].fields["email"] == "amy@demo.net"
    assert rows[-1].fields["country"] == "Brazil"
    path = samples.write_csv(tmp_path / "z.csv", samples.ZOHO_CONTACT_HEADER,
                             samples.zoho_contact_rows(3))  # fmt: skip
    rows = list(
        ExportFileSource("z", {"contacts": path}, PRESETS["zoho"]).read("contacts")
    )
    assert rows[1].fields["company_name"] == "Alpha Dynamics"
    assert rows[1].cursor == "2024-02-01T10:00:00+00:00"


def test_xlsx_read_like_csv(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Record ID", "First Name", "Last Name", "Email", "Phone Number"])
    sheet.append([1000, "Amy", "Taylor", "amy@demo.net", 4152568563])
    sheet.append([None, None, None, None, None])
    book.save(tmp_path / "contacts.xlsx")
    source = ExportFileSource(
        "hs", {"contacts": tmp_path / "contacts.xlsx"}, PRESETS["hubspot"]
    )
    (row,) = source.read("contacts")
    assert row.pk == "1000"
    assert row.fields["phone"] == "4152568563"
    assert row.line == 2


def test_long_csv_line_flagged_short_line_padded(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Record ID,First Name,Email\n1,Amy\n2,Jen,j@demo.net,extra\n")
    rows = list(
        ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"]).read("contacts")
    )
    assert rows[0].error is None and rows[0].raw["Email"] == ""
    assert rows[1].error == "4 values but the header has 3 columns"


def test_mapping_file_for_other_layouts(tmp_path):
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[contacts]\nprimary_key = "customer_unique_id"\n'
        '[contacts.columns]\ncustomer_city = "city"\ncustomer_state = "state"\n'
    )
    layout = load_mapping(mapping)
    data = tmp_path / "olist.csv"
    data.write_text(
        "customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,"
        "customer_state\n5e27,57b2a98a,35182,timoteo,MG\n"
    )
    (row,) = ExportFileSource("ol", {"contacts": data}, layout).read("contacts")
    assert row.pk == "57b2a98a"
    assert row.fields == {"city": "timoteo", "state": "MG"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[deals]\nprimary_key = "id"\n', "not an entity"),
        ("[contacts]\n", "contacts.primary_key: required"),
        ('[contacts]\nprimary_key = "id"\n[contacts.columns]\nx = "nickname"\n',
         "unknown field 'nickname'"),
        ('[contacts]\nprimary_key = "id"\nsheet = 2\n', "contacts.sheet: unknown key"),
    ],
)  # fmt: skip
def test_mapping_file_errors_name_the_key(tmp_path, text, message):
    mapping = tmp_path / "map.toml"
    mapping.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_mapping(mapping)


def test_source_config_errors(tmp_path):
    with pytest.raises(ConfigError, match=r"source\.files\.tickets"):
        ExportFileSource("x", {"tickets": tmp_path / "t.csv"}, PRESETS["zoho"])
    with pytest.raises(ConfigError, match=r"use \.csv, \.xlsx or \.json"):
        ExportFileSource("x", {"contacts": tmp_path / "c.txt"}, PRESETS["hubspot"])
    source = ExportFileSource("x", {"contacts": tmp_path / "c.csv"}, PRESETS["hubspot"])
    with pytest.raises(ConfigError, match="not found"):
        list(source.read("contacts"))
    (tmp_path / "c.csv").write_text("Id,Name\n1,Amy\n")
    with pytest.raises(ConfigError, match="no primary key column"):
        list(source.read("contacts"))


def test_semicolon_and_tab_delimited_files_are_read(tmp_path):
    for delimiter in (";", "\t"):
        path = tmp_path / "contacts.csv"
        lines = [["Record ID", "First Name", "Email"], ["7", "Ana", "ana@x.example"]]
        path.write_text("".join(delimiter.join(line) + "\n" for line in lines))
        source = ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"])
        (row,) = source.read("contacts")
        assert (row.pk, row.fields["email"]) == ("7", "ana@x.example"), delimiter


def test_an_unknown_delimiter_is_named_in_the_error(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("Record ID:First Name\n7:Ana\n")
    source = ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"])
    with pytest.raises(ConfigError, match="check the file's delimiter"):
        list(source.read("contacts"))


def test_encoding_option_reads_latin1_files(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes("Record ID,First Name\n7,São\n".encode("latin-1"))
    utf8 = ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"])
    assert "\ufffd" in next(utf8.read("contacts")).fields["first_name"]
    latin1 = ExportFileSource("hs", {"contacts": path}, PRESETS["hubspot"], "cp1252")
    assert next(latin1.read("contacts")).fields["first_name"] == "São"
