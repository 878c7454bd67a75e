"""PII redaction: each placeholder type, and text that must not be touched."""

from __future__ import annotations

import pytest

from thresher.document import Document, Provenance
from thresher.pii import RedactConfig, redact
from thresher.pii.step import RedactPii
from thresher.registry import get_step


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("Mail ana.lopez+news@mail.example.org today", "Mail <EMAIL> today", "email"),
        ("Write to INFO@EXAMPLE.COM.", "Write to <EMAIL>.", "email"),
        ("Server 8.8.8.8 answered", "Server <IPV4> answered", "ipv4"),
        ("at 2a00:1450:4001:82a::200e now", "at <IPV6> now", "ipv6"),
        ("full 2a00:1450:4001:82a:0:0:0:200e", "full <IPV6>", "ipv6"),
        ("mapped ::ffff:8.8.8.8 here", "mapped <IPV6> here", "ipv6"),
        ("Call +44 20 7946 0958 now", "Call <PHONE> now", "phone"),
        ("Call (555) 123-4567 now", "Call <PHONE> now", "phone"),
        ("Call 555.123.4567 now", "Call <PHONE> now", "phone"),
        ("Tél. 01 23 45 67 89", "Tél. <PHONE>", "phone"),
        ("Büro 030/1234567.", "Büro <PHONE>.", "phone"),
        ("+49 (0)40 890 85-433 office", "<PHONE> office", "phone"),
        ("phone 912 345 678", "phone <PHONE>", "phone"),
    ],
)
def test_each_type_is_replaced(text: str, expected: str, kind: str) -> None:
    result = redact(text)
    assert result.text == expected
    assert result.counts[kind] == 1
    assert sum(result.counts.values()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Upgrade to version 1.2.3.4 first.",
        "Router at 192.168.1.1 and loopback 127.0.0.1",
        "Octets 999.1.1.1 and 1.02.3.4 are not addresses",
        "Loopback ::1, docs 2001:db8::1, link fe80::1",
        "std::vector and 12:30:45 and 00:1a:2b:3c:4d:5e",
        "Published 2024-01-15, updated 15.01.2024 and 01/02/2024.",
        "He reigned 1998-2004.",
        "ISBN 978-3-16-148410-0",
        "Price $1 234 567 and 1 234 567 people",
        "Order 12345678 and 10 20 30 40 and pi 3.14159 and 100.000.000",
        "Assets logo@2x.png and icon@3x.webp",
    ],
)
def test_false_positives_are_left_alone(text: str) -> None:
    result = redact(text)
    assert result.text == text
    assert sum(result.counts.values()) == 0


def test_private_ips_on_request() -> None:
    result = redact("Router at 192.168.1.1", RedactConfig(keep_private_ips=False))
    assert result.text == "Router at <IPV4>"


def test_types_subset() -> None:
    result = redact("ana@example.org 8.8.8.8", RedactConfig(types=("ipv4",)))
    assert result.text == "ana@example.org <IPV4>"
    assert dict(result.counts) == {"ipv4": 1}


def test_unknown_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        RedactConfig(types=("ssn",))


def test_step_writes_counts() -> None:
    assert get_step("pii") is RedactPii
    doc = Document(id="d", provenance=Provenance(source="t"), text="a@example.org, b@example.org")
    out = RedactPii().process(doc)
    assert isinstance(out, Document)
    assert out.text == "<EMAIL>, <EMAIL>"
    assert out.metadata["pii"] == {"email": 2, "ipv4": 0, "ipv6": 0, "phone": 0}


def test_step_without_pii_keeps_text() -> None:
    doc = Document(id="d", provenance=Provenance(source="t"), text="nothing here")
    out = RedactPii().process(doc)
    assert isinstance(out, Document) and out.text == "nothing here"
    assert out.metadata["pii"] == {"email": 0, "ipv4": 0, "ipv6": 0, "phone": 0}


def test_step_config_from_a_table() -> None:
    from thresher.step import ConfigError, build_config

    config = build_config(RedactPii.Config, "pii", {"types": ["email"], "keep_private_ips": False})
    assert config.types == ("email",) and config.keep_private_ips is False
    with pytest.raises(ConfigError):
        build_config(RedactPii.Config, "pii", {"types": ["ssn"]})
