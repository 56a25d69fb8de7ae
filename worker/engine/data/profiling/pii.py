"""PII-looking strings: emails, phone numbers, IBANs and payment-card numbers (checksummed), Chinese resident
identity numbers (checksummed) and IP addresses. Values are only ever reported masked.

Limits: patterns, not understanding — a phone number written without separators (other than a Chinese mobile
number) is not found, and a random 16-digit number that passes the Luhn check counts as a card (1 in 10 do).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable

PII_TYPES = ("email", "phone", "credit_card", "iban", "cn_resident_id", "ip_address")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
_CN_ID = re.compile(r"(?<!\d)[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
_PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}[ .-]\d{3,4}[ .-]?\d{3,4}(?![ .-]?\d)(?!\w)"
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"
)
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_DIGIT = re.compile(r"\d")
_CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_ID_CHECK = "10X98765432"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers (A=10), remainder mod 97 is 1."""
    compact = iban.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def cn_resident_id_valid(number: str) -> bool:
    """GB 11643-1999: ISO 7064 MOD 11-2 check character over the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], _CN_ID_WEIGHTS, strict=True))
    return _CN_ID_CHECK[total % 11] == number[17].upper()


def _card(match: str) -> bool:
    digits = re.sub(r"[ -]", "", match)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _ipv4(match: str) -> bool:
    try:
        address = ipaddress.IPv4Address(match)
    except ValueError:
        return False
    return not address.is_unspecified


# Checked in this order; a span taken by one type is not matched again (a card number is not also a phone).
_DETECTORS: tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...] = (
    ("email", _EMAIL, lambda _: True),
    ("iban", _IBAN, iban_valid),
    ("cn_resident_id", _CN_ID, cn_resident_id_valid),
    ("credit_card", _CARD, _card),
    ("ip_address", _IPV4, _ipv4),
    ("phone", _PHONE, lambda m: sum(c.isdigit() for c in m) >= 7),
)


def mask(value: str) -> str:
    """Keep the shape, hide the value: an email keeps its first character and top-level domain, anything else
    its last two characters."""
    if "@" in value:
        local, _, domain = value.partition("@")
        tld = domain.rsplit(".", 1)[-1]
        return f"{local[:1]}***@***.{tld}"
    keep = 2
    hidden = "".join("*" if c.isalnum() else c for c in value[:-keep])
    return hidden + value[-keep:]


def _detectors(text: str) -> list[tuple[str, re.Pattern[str], Callable[[str], bool]]]:
    """The detectors that can match at all: most records have no "@" and fewer than 7 digits, so most skip all."""
    has_at, digits = "@" in text, len(_DIGIT.findall(text))
    return [d for d in _DETECTORS if (d[0] == "email" and has_at) or (d[0] != "email" and digits >= 7)]


def find_pii(text: str) -> list[tuple[str, str]]:
    """(type, masked value) for every PII-looking string in the text."""
    found: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, valid in _detectors(text):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken) or not valid(match.group()):
                continue
            taken.append((start, end))
            found.append((kind, mask(match.group())))
    return found


def mask_pii(text: str) -> str:
    """The text with every PII-looking string masked (for examples shown in the report)."""
    spans: list[tuple[int, int]] = []
    for _, pattern, valid in _detectors(text):
        for match in pattern.finditer(text):
            start, end = match.span()
            if not any(start < e and s < end for s, e in spans) and valid(match.group()):
                spans.append((start, end))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + mask(text[start:end]) + text[end:]
    return text
