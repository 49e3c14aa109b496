"""Plain text files: good reports survive intact in a batch full of bad inputs, each rejected with its reason."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from ingest_helpers import GOOD, LANGUAGES, assert_rejected, by_source, copy_good, read_all

from rashomon.ingest.fingerprint import normalise_text
from rashomon.ingest.limits import MAX_REPORT_BYTES
from rashomon.model import RejectionReason, Report

ARABIC = "قالت الميليشيا في بيان يوم الأربعاء إن غارة جوية قرب الحدود السورية قتلت عددا من مقاتليها."
HOSTILE_NAME = (
    "Abu\u200d Ala al-\u202eWelayi\u202c said the\u200b strike killed fighters near the border, and the coalition denied it."
)


def test_text_batch_keeps_good_reports_and_rejects_each_bad_one(tmp_path: Path) -> None:
    good = copy_good(tmp_path, "report.txt", "a_good.txt")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_text("  \n\t\n \n", encoding="utf-8")
    (tmp_path / "d_binary.txt").write_bytes(b"\x00\x01\x02\x03 some bytes \xff\xfe" * 50)
    (tmp_path / "e_document.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    huge = tmp_path / "f_huge.txt"
    with huge.open("wb") as out:  # 50 MB of real text, in lines
        line = b"The spokesman said the strike killed eleven fighters near the border.\n"
        out.write(line * (50_000_000 // len(line)))
    (tmp_path / "g_latin1.txt").write_bytes("Le caf\u00e9 du march\u00e9 a \u00e9t\u00e9 d\u00e9truit.".encode("latin-1"))
    (tmp_path / "h_arabic.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "i_french.txt").write_bytes((LANGUAGES / "fr.txt").read_bytes())
    (tmp_path / "j_one_line.txt").write_bytes(b"word " * 2_000_000)  # a 10 MB single line
    (tmp_path / "k_hostile.txt").write_text(HOSTILE_NAME, encoding="utf-8")
    (tmp_path / "l_utf16.txt").write_bytes(codecs.BOM_UTF16_LE + (GOOD / "report.txt").read_text().encode("utf-16-le"))
    (tmp_path / "m_sniffed.dat").write_bytes((GOOD / "report.txt").read_bytes())
    paths = [*sorted(tmp_path.iterdir()), tmp_path / "z_missing.txt"]

    items = by_source(read_all(paths))

    assert list(items) == [str(p) for p in paths]
    expected_text = normalise_text((GOOD / "report.txt").read_text(encoding="utf-8"))
    report = items[str(good)]
    assert isinstance(report, Report)
    assert report.text == expected_text
    assert report.text.startswith("Border clash leaves two soldiers wounded\n\nTwo border guards were wounded on Tuesday")
    assert (report.title, report.url, report.outlet, report.published) == (None, None, None, None)
    assert report.language == "en"
    assert report.source == str(good)

    assert_rejected(items[f"{tmp_path}/b_empty.txt"], RejectionReason.EMPTY, f"{tmp_path}/b_empty.txt", "empty file")
    assert_rejected(items[f"{tmp_path}/c_blank.txt"], RejectionReason.EMPTY, f"{tmp_path}/c_blank.txt", "no text")
    assert_rejected(items[f"{tmp_path}/d_binary.txt"], RejectionReason.BINARY, f"{tmp_path}/d_binary.txt", "NUL byte at offset 0")
    assert_rejected(items[f"{tmp_path}/e_document.txt"], RejectionReason.BINARY, f"{tmp_path}/e_document.txt", "PDF", "pdftotext")
    assert_rejected(
        items[str(huge)], RejectionReason.TOO_LARGE, str(huge), "47.7 MiB", f"{MAX_REPORT_BYTES // 1024 // 1024}.0 MiB limit"
    )
    assert_rejected(
        items[f"{tmp_path}/g_latin1.txt"],
        RejectionReason.ENCODING,
        f"{tmp_path}/g_latin1.txt",
        "not valid UTF-8 (byte 0xE9 at offset 6)",
        "iconv -f cp1252 -t utf-8",
    )
    assert_rejected(
        items[f"{tmp_path}/h_arabic.txt"],
        RejectionReason.ENCODING,
        f"{tmp_path}/h_arabic.txt",
        "looks like Windows-1256",
        "iconv -f cp1256 -t utf-8",
    )
    assert_rejected(
        items[f"{tmp_path}/i_french.txt"],
        RejectionReason.UNSUPPORTED_LANGUAGE,
        f"{tmp_path}/i_french.txt",
        "language 'fr' detected; only English is analysed yet",
    )
    assert_rejected(items[f"{tmp_path}/j_one_line.txt"], RejectionReason.TOO_LARGE, f"{tmp_path}/j_one_line.txt", "9.5 MiB")

    hostile = items[f"{tmp_path}/k_hostile.txt"]
    assert isinstance(hostile, Report)
    assert hostile.text == HOSTILE_NAME  # zero-width joiners and RTL overrides are kept, not crashed on
    assert "\u202e" in hostile.text and "\u200d" in hostile.text

    utf16 = items[f"{tmp_path}/l_utf16.txt"]
    assert isinstance(utf16, Report) and utf16.text == expected_text
    sniffed = items[f"{tmp_path}/m_sniffed.dat"]
    assert isinstance(sniffed, Report) and sniffed.text == expected_text
    assert sniffed.id == report.id == utf16.id  # same normalised content, same id

    assert_rejected(items[f"{tmp_path}/z_missing.txt"], RejectionReason.NOT_FOUND, f"{tmp_path}/z_missing.txt", "no such file")


def test_oversized_text_is_rejected_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "sparse.txt"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MiB on paper, nothing on disk
    opened: list[Path] = []
    original_open = Path.open

    def spy(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return original_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", spy)
    [item] = read_all([big])
    assert_rejected(item, RejectionReason.TOO_LARGE, str(big), "50.0 MiB")
    assert opened == []


@pytest.mark.parametrize("code", ["fr", "de", "es", "it", "pt"])
def test_latin1_text_is_not_mistaken_for_windows_1256(tmp_path: Path, code: str) -> None:
    path = tmp_path / f"{code}.txt"
    path.write_bytes(LANGUAGES.joinpath(f"{code}.txt").read_text(encoding="utf-8").encode("cp1252"))
    [item] = read_all([path])
    rejection = assert_rejected(item, RejectionReason.ENCODING, str(path), "not valid UTF-8", "iconv -f cp1252 -t utf-8")
    assert "1256" not in rejection.message


WIRE = (
    "Car bomb kills nine at Mogadishu market\n\n"
    "MOGADISHU, Feb 10 (Horn Bulletin) - A car bomb exploded at a busy market\n"
    "in the Somali capital on Sunday, killing at least nine people and\n"
    "wounding 15, police said.\n\n"
    "The al-Shabaab militant group said in a statement on its radio station\n"
    "that it had carried out the attack."
)


def test_hard_wrapped_lines_join_their_paragraph_and_keep_every_offset() -> None:
    text = normalise_text(WIRE)
    assert len(text) == len(WIRE)
    assert text.split("\n\n") == [
        "Car bomb kills nine at Mogadishu market",
        "MOGADISHU, Feb 10 (Horn Bulletin) - A car bomb exploded at a busy market in the Somali capital on Sunday,"
        " killing at least nine people and wounding 15, police said.",
        "The al-Shabaab militant group said in a statement on its radio station that it had carried out the attack.",
    ]


def test_a_headline_over_a_wrapped_paragraph_keeps_its_line_break() -> None:
    wire = WIRE.replace("market\n\nMOGADISHU", "market\nMOGADISHU")
    assert normalise_text(wire).startswith("Car bomb kills nine at Mogadishu market\nMOGADISHU, Feb 10")


def test_text_that_is_not_hard_wrapped_keeps_its_line_breaks() -> None:
    # one paragraph per line, longer than any wrap width: nothing is joined
    long = "Two border guards were wounded on Tuesday when gunmen opened fire on their post near the crossing, police said."
    headline_list = "Strike hits depot\nCoalition denies role\nMilitia vows revenge"
    assert normalise_text(f"Border clash\n{long}\n{long}") == f"Border clash\n{long}\n{long}"
    assert normalise_text(headline_list) == headline_list
