"""Where the illustrative demo corpus lives (examples/demo_corpus/README.md describes each report)."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEMO_CORPUS = REPO_ROOT / "examples" / "demo_corpus" / "reports"
DEMO_REPORTS = 7  # 3 JSONL lines, 3 HTML pages, 1 text file
DEMO_NEAR_DUPLICATES = 1  # Coastal Ledger's syndicated copy of the first Meridian Wire report
