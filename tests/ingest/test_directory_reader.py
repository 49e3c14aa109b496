"""Directories: walked recursively in sorted order, hidden entries skipped, no link cycles, nothing blocks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import GOOD, assert_rejected, read_all

from rashomon.model import Rejection, RejectionReason, Report


def build_tree(root: Path) -> None:
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    shutil.copyfile(GOOD / "report.txt", root / "c_report.txt")
    shutil.copyfile(GOOD / "page.html", root / "b_sub" / "page.html")
    shutil.copyfile(GOOD / "feed.xml", root / "b_sub" / "deeper" / "feed.xml")
    shutil.copyfile(GOOD / "corpus.jsonl", root / "a_corpus.jsonl")
    shutil.copyfile(GOOD / "report.txt", root / ".hidden.txt")
    shutil.copyfile(GOOD / "report.txt", root / ".hidden_dir" / "report.txt")
    (root / "b_sub" / "empty.txt").write_bytes(b"")
    (root / "b_sub" / "deeper" / "loop").symlink_to(root, target_is_directory=True)


def sources(items: list[Report | Rejection]) -> list[str]:
    return [item.source if isinstance(item, Report) else item.input for item in items]  # type: ignore[misc]


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    build_tree(tmp_path)
    items = read_all([tmp_path])
    assert sources(items) == [
        f"{tmp_path}/a_corpus.jsonl:1",
        f"{tmp_path}/a_corpus.jsonl:2",
        f"{tmp_path}/b_sub/deeper/feed.xml#1",
        f"{tmp_path}/b_sub/deeper/feed.xml#2",
        f"{tmp_path}/b_sub/empty.txt",
        f"{tmp_path}/b_sub/page.html",
        f"{tmp_path}/c_report.txt",
    ]
    assert [type(item).__name__ for item in items] == ["Report"] * 4 + ["Rejection"] + ["Report"] * 2
    assert_rejected(items[4], RejectionReason.EMPTY, f"{tmp_path}/b_sub/empty.txt", "empty file")
    page = items[5]
    assert isinstance(page, Report) and page.title == "Convoy hit on desert road"
    assert sources(read_all([tmp_path])) == sources(items)  # deterministic


def test_missing_paths_and_special_files_do_not_stop_the_batch(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    report = tmp_path / "report.txt"
    shutil.copyfile(GOOD / "report.txt", report)
    items = read_all([tmp_path / "nope", fifo, report, tmp_path / "nope.jsonl", "bad\x00name.txt"])
    assert_rejected(items[0], RejectionReason.NOT_FOUND, f"{tmp_path}/nope", "no such file or directory")
    assert_rejected(items[1], RejectionReason.MALFORMED, str(fifo), "not a regular file")
    assert isinstance(items[2], Report) and items[2].source == str(report)
    assert_rejected(items[3], RejectionReason.NOT_FOUND, f"{tmp_path}/nope.jsonl", "check the path")
    assert items[4].reason is RejectionReason.NOT_FOUND and items[4].input == "bad\x00name.txt"  # type: ignore[union-attr]
    assert items[4].message == "bad name.txt: not a valid path (embedded null byte); check the path"  # type: ignore[union-attr]


def test_unreadable_file_and_folder_are_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "a" / "locked.txt"
    closed = tmp_path / "b_closed"
    closed.mkdir()
    locked.parent.mkdir()
    shutil.copyfile(GOOD / "report.txt", locked)
    shutil.copyfile(GOOD / "report.txt", tmp_path / "c_report.txt")
    # Permissions do not stop root (these tests may run as root), so the refusals are simulated.
    real_open, real_scandir = Path.open, os.scandir

    def refuse_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    def refuse_scandir(path: Any) -> Any:
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "open", refuse_open)
    monkeypatch.setattr(os, "scandir", refuse_scandir)
    items = read_all([tmp_path])
    assert_rejected(items[0], RejectionReason.UNREADABLE, str(locked), "cannot be read (Permission denied)", "permissions")
    assert_rejected(items[1], RejectionReason.UNREADABLE, str(closed), "cannot be read (Permission denied)")
    assert isinstance(items[2], Report) and items[2].source == f"{tmp_path}/c_report.txt"


def test_tables_are_refused_and_odd_extensions_are_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a_table.csv").write_text("date,text\n2017-08-09,A strike was reported near the border town.\n")
    (tmp_path / "b_lines.json").write_bytes((GOOD / "corpus.jsonl").read_bytes())  # JSON Lines saved as .json
    (tmp_path / "c_pretty.json").write_text('{\n  "reports": []\n}\n')
    shutil.copyfile(GOOD / "report.txt", tmp_path / "d_notes.md")
    shutil.copyfile(GOOD / "feed.xml", tmp_path / "e_feed")
    items = read_all([tmp_path])
    assert sources(items) == [
        f"{tmp_path}/a_table.csv",
        f"{tmp_path}/b_lines.json:1",
        f"{tmp_path}/b_lines.json:2",
        f"{tmp_path}/c_pretty.json",
        f"{tmp_path}/d_notes.md",
        f"{tmp_path}/e_feed#1",
        f"{tmp_path}/e_feed#2",
    ]
    assert_rejected(items[0], RejectionReason.MALFORMED, f"{tmp_path}/a_table.csv", "a CSV table, not a report", ".jsonl")
    assert_rejected(items[3], RejectionReason.MALFORMED, f"{tmp_path}/c_pretty.json", "a JSON document, not a report")
    assert all(isinstance(items[i], Report) for i in (1, 2, 4, 5, 6))


def test_a_single_path_may_be_given_bare(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    shutil.copyfile(GOOD / "report.txt", path)
    assert sources(read_all(str(path))) == [str(path)]  # type: ignore[arg-type]
    assert sources(read_all(path)) == [str(path)]  # type: ignore[arg-type]
