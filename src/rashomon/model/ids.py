"""Stable identifiers. Ids are derived from content and offsets so reruns give the same ids."""

from __future__ import annotations

import hashlib

REPORT_ID_LENGTH = 16  # hex chars of SHA-256: 64 bits, collision-free at archive scale.


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_id_for(content_hash: str) -> str:
    return f"r{content_hash[:REPORT_ID_LENGTH]}"


def mention_id(report_id: str, kind: str, start: int, end: int) -> str:
    """Id of anything anchored at one span of a report, e.g. ``r0123...:st:10-55``."""
    return f"{report_id}:{kind}:{start}-{end}"
