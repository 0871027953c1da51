import pytest

from bridge.normalize import (
    clean_text,
    name_key,
    normalize_email,
    normalize_phone,
    normalize_vat,
    phone_key,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Amy@Demo.NET ", "amy@demo.net"),
        ("mailto:jennifer@demo.net", "jennifer@demo.net"),
        ("", None),
        (None, None),
    ],
)
def test_email_normalised(raw, expected):
    assert normalize_email(raw) == expected


@pytest.mark.parametrize("raw", ["amy@", "amy demo.net", "a..b@demo.net", "x@y"])
def test_bad_email_rejected_with_value(raw):
    with pytest.raises(ValueError, match="invalid email"):
        normalize_email(raw)


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("4152568563", "US", "+14152568563"),
        ("(415) 256-8563", "US", "+14152568563"),
        ("+44 20 7946 0958", "US", "+442079460958"),
        ("11 3456-7890", "BR", "+551134567890"),
        (" ", "US", None),
    ],
)
def test_phone_to_e164(raw, region, expected):
    assert normalize_phone(raw, region) == expected


@pytest.mark.parametrize("raw", ["12", "not a phone", "+1 415"])
def test_bad_phone_rejected(raw):
    with pytest.raises(ValueError, match="invalid phone"):
        normalize_phone(raw)


def test_vat_compacted_and_checked():
    assert normalize_vat("be 0477.472.701") == "BE0477472701"
    assert normalize_vat(None) is None
    with pytest.raises(ValueError, match="invalid VAT"):
        normalize_vat("B!")


def test_bad_encoding_and_control_characters_rejected():
    with pytest.raises(ValueError, match="UTF-8"):
        clean_text("Jos\ufffd")
    with pytest.raises(ValueError, match="control"):
        clean_text("Amy\x00")
    assert clean_text("  São   Paulo ") == "São Paulo"


def test_name_key_ignores_case_and_spaces():
    assert name_key(" Alpha  DYNAMICS ") == name_key("alpha dynamics")


@pytest.mark.parametrize(
    "raw", ["+1 (201) 600-0000 ext. 10", "201-600-0000 x10", "+12016000000;ext=10"]
)
def test_phone_extension_kept(raw):
    assert normalize_phone(raw, "US") == "+12016000000;ext=10"


def test_phone_with_extension_matches_nobody():
    assert phone_key("+12016000000;ext=10") is None
    assert phone_key("+12016000000") == "+12016000000"
