"""`rashomon eval link`: document clustering against ECB+ seminal events (B-cubed).

The folder holds one subfolder per topic with CAT XML documents ``T_Necb.xml`` and
``T_Necbplus.xml``. All documents are clustered together, without topic information; a
document's gold cluster is its topic number plus ``ecb`` or ``ecbplus`` (two similar but
distinct seminal events per topic). The URL that ECB+ stores as sentence 0 of ``ecbplus``
documents is dropped: it marks the sub-corpus, not the story.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from rashomon.errors import UsageError
from rashomon.link.documents import cluster_documents

_TOKEN = re.compile(r'<token\b[^>]*\bsentence="(\d+)"[^>]*>([^<]*)</token>')
_DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_URL_SENTENCE = re.compile(r"^\s*https?\s*:|^\s*www\s*\.")


def read_document(path: Path) -> str:
    """Plain text of one CAT XML document: tokens joined per sentence, URL sentences dropped."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for sentence, token in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences[int(sentence)].append(html.unescape(token))
    lines = [" ".join(sentences[k]) for k in sorted(sentences)]
    return "\n".join(line for line in lines if not _URL_SENTENCE.match(line))


def load_corpus(root: Path) -> tuple[list[str], list[str], list[str]]:
    """(names, texts, gold labels) for every ``T_N(ecb|ecbplus).xml`` under ``root``."""
    names: list[str] = []
    texts: list[str] = []
    gold: list[str] = []
    for path in sorted(root.glob("*/*.xml"), key=lambda p: (p.parent.name, p.name)):
        match = _DOC_NAME.match(path.name)
        if not match:
            continue
        names.append(path.name)
        texts.append(read_document(path))
        gold.append(f"{match.group(1)}{match.group(3)}")
    return names, texts, gold


def b_cubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels (same order)."""
    if len(predicted) != len(gold) or not gold:
        raise ValueError("b_cubed needs two non-empty label lists of equal length")
    by_pred: dict[object, set[int]] = defaultdict(set)
    by_gold: dict[object, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
        del i
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(path: Path) -> dict[str, float | int]:
    root = Path(path)
    if (root / "ECB+").is_dir():
        root = root / "ECB+"
    _, texts, gold = load_corpus(root)
    if not texts:
        raise UsageError(f"no ECB+ documents (T_Necb.xml / T_Necbplus.xml) under {path}; pass the ecbplus folder")
    predicted = cluster_documents(texts)
    precision, recall, f1 = b_cubed(predicted, gold)
    return {
        "b3_precision": round(precision, 4),
        "b3_recall": round(recall, 4),
        "b3_f1": round(f1, 4),
        "n_docs": len(texts),
        "n_clusters": len(set(predicted)),
        "n_gold_clusters": len(set(gold)),
    }
