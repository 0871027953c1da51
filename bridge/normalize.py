"""Normalisation of the values used to match records: email, phone, VAT, names.

Each function returns the normalised value, ``None`` for an empty input, or
raises ``ValueError`` with a message fit for a reject report.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

EMAIL_RE = re.compile(
    r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$"
)
VAT_RE = re.compile(r"^[A-Z0-9]{4,20}$")
SPACES_RE = re.compile(r"\s+")
EXTENSION = ";ext="
# Unicode category Cc (C0, DEL, C1) except tab, line feed and carriage return
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(value: str | None) -> str | None:
    """Collapse whitespace; reject text that lost characters to bad encoding."""
    if value is None:
        return None
    if "\ufffd" in value:
        raise ValueError("not valid UTF-8 (undecodable bytes)")
    if CONTROL_RE.search(value):
        raise ValueError("contains control characters")
    text = SPACES_RE.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return text or None


def normalize_email(value: str | None) -> str | None:
    text = clean_text(value)
    if text is None:
        return None
    email = text.lower()
    if email.startswith("mailto:"):
        email = email[len("mailto:") :]
    if not EMAIL_RE.match(email) or ".." in email:
        raise ValueError(f"invalid email {text!r}")
    return email


def normalize_phone(value: str | None, default_region: str = "US") -> str | None:
    """E.164 form (``+14155550100``); national numbers use ``default_region``.
    An extension is kept the RFC 3966 way (``+12016000000;ext=10``)."""
    text = clean_text(value)
    if text is None:
        return None
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(f"invalid phone {text!r}: {exc}") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"invalid phone {text!r}: wrong length for its country")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164}{EXTENSION}{number.extension}" if number.extension else e164


def phone_key(phone: str | None) -> str | None:
    """The phone as a matching key: Odoo's ``phone_sanitized`` drops the
    extension, so a number with one (a switchboard's) identifies nobody."""
    return phone if phone and EXTENSION not in phone else None


def normalize_vat(value: str | None) -> str | None:
    """Upper case without separators (``be 0477.472.701`` -> ``BE0477472701``)."""
    text = clean_text(value)
    if text is None:
        return None
    vat = re.sub(r"[\s.\-/]", "", text).upper()
    if not VAT_RE.match(vat):
        raise ValueError(f"invalid VAT number {text!r}")
    return vat


def name_key(value: str | None) -> str | None:
    """Case- and space-insensitive key used to find a company by its name."""
    text = clean_text(value)
    return text.casefold() if text else None
