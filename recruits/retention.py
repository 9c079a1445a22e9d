"""How long each kind of recruit document is kept, and why.

The rules are named on the upload page and next to each document; docs/ARCHITECTURE.md
("Document retention") gives the reasoning. The portal names the rule; deleting a document when
its time is up is still done by a person (the figures below are the policy's, kept here as data).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recruits.models import DocumentKind


@dataclass(frozen=True)
class Retention:
    name: str  # the rule's short name
    keep: str  # what to do, in words
    source: str  # where the rule comes from
    effective_from: dt.date  # when the portal adopted the rule


ADOPTED = dt.date(2026, 12, 4)

RIGHT_TO_WORK = Retention(
    "Right-to-work evidence",
    "Keep for the whole employment and 2 years after it ends, then delete.",
    "Home Office guidance on right-to-work checks",
    ADOPTED,
)
SPONSORSHIP = Retention(
    "Sponsorship record",
    "Keep while the worker is sponsored and for 2 years after the employment ends, then delete.",
    "UKVI sponsor guidance, Appendix D (documents sponsors must keep), aligned with the right-to-work rule",
    ADOPTED,
)
CRIMINAL_RECORD = Retention(
    "Criminal record certificate",
    "Delete the copy within 6 months of the recruitment decision. The record of the check (date, result, "
    "barred list) stays on the recruit's record.",
    "DBS code of practice; UK GDPR storage limitation",
    ADOPTED,
)
SUPPORT_RECORD = Retention(
    "Support record",
    "Keep while the hub supports the recruit and for 2 years after their employment ends, then delete.",
    "The portal's rule for hub records (no statutory period)",
    ADOPTED,
)

DOCUMENT_RETENTION: dict[str, Retention] = {
    DocumentKind.PASSPORT: RIGHT_TO_WORK,
    DocumentKind.BRP_EVISA: RIGHT_TO_WORK,
    DocumentKind.COS: SPONSORSHIP,
    DocumentKind.DBS: CRIMINAL_RECORD,
    DocumentKind.OVERSEAS_CRC: CRIMINAL_RECORD,
    DocumentKind.ENGLISH_TEST: SPONSORSHIP,
    DocumentKind.QUALIFICATION: SPONSORSHIP,
    DocumentKind.UKVI_LETTER: SPONSORSHIP,
    DocumentKind.CERTIFICATE: SUPPORT_RECORD,
    DocumentKind.EVIDENCE: SUPPORT_RECORD,
    DocumentKind.OTHER: SUPPORT_RECORD,
}


def retention_of(kind: str) -> Retention:
    return DOCUMENT_RETENTION[kind]


def retention_table() -> list[tuple[str, Retention]]:
    """Each kind's label and rule, in the order the upload form offers the kinds."""
    return [(label, DOCUMENT_RETENTION[value]) for value, label in DocumentKind.choices]
