"""`make bench`: measure analysis throughput, the parse floor, memory, Ray speed-up and linking cost,
and write docs/performance.md with the machine, the commands and the figures.

    .venv/bin/python scripts/bench.py --shared ../shared [--quick] [--output docs/performance.md]

Each measurement runs in a fresh subprocess so that peak RSS and start-up costs are its own.
Corpora are read from ../shared/data through --shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
csv.field_size_limit(sys.maxsize)


# --------------------------------------------------------------------------- corpora


def guardian_texts(shared: Path) -> list[str]:
    with open(shared / "data/guardian_sdf_sample/Guardian_SDF_sample.csv", encoding="utf-8", newline="") as f:
        return [row["text"] for row in csv.DictReader(f) if row.get("text")]


def india_texts(shared: Path) -> list[str]:
    with open(shared / "data/india_police_events/docs.jsonl", encoding="utf-8") as f:
        return [json.loads(line)["doc_text"] for line in f if line.strip()]


CORPORA = {"guardian": guardian_texts, "india": india_texts}


# --------------------------------------------------------------------------- measurements (run in a child)


def _reports(texts: list[str]) -> list:  # list[Report]
    from rashomon.ingest.fingerprint import make_report

    published = datetime(2018, 1, 1, tzinfo=UTC)
    # The index suffix keeps ids distinct when a corpus is repeated.
    return [make_report(f"{text}\n\n[{i}]", published=published) for i, text in enumerate(texts)]


def measure_throughput(corpus: str, shared: Path, repeat: int, n_process: int) -> dict[str, object]:
    """Bare spaCy nlp.pipe and the full pipeline over the same texts, same model, same process."""
    from rashomon.extract import build_pipeline
    from rashomon.extract.pipeline import PIPE_BATCH_SIZE, load_spacy

    texts = CORPORA[corpus](shared) * repeat
    reports = _reports(texts)
    bare = load_spacy()
    started, cpu_started = time.perf_counter(), time.process_time()
    n_sents = sum(len(list(doc.sents)) for doc in bare.pipe(texts, batch_size=PIPE_BATCH_SIZE))
    bare_s, bare_cpu = time.perf_counter() - started, time.process_time() - cpu_started

    pipeline = build_pipeline()
    started, cpu_started = time.perf_counter(), time.process_time()
    n_ok = sum(1 for result in pipeline.pipe(reports) if type(result).__name__ == "Analysis")
    full_s, full_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {
        "corpus": corpus,
        "reports": len(reports),
        "analysed": n_ok,
        "sentences": n_sents,
        "chars": sum(len(t) for t in texts),
        "bare_parse_s": round(bare_s, 2),
        "full_s": round(full_s, 2),
        "reports_per_s": round(len(reports) / full_s, 2),
        "sentences_per_s": round(n_sents / full_s, 1),
        # CPU seconds of this process: on a shared machine wall time depends on the neighbours.
        "bare_parse_cpu_s": round(bare_cpu, 2),
        "full_cpu_s": round(full_cpu, 2),
        "reports_per_cpu_s": round(len(reports) / full_cpu, 2),
        "parse_floor_ratio_wall": round(full_s / bare_s, 3),
        "parse_floor_ratio": round(full_cpu / bare_cpu, 3),
        "in_pipeline_ratio": round(sum(pipeline.stage_seconds.values()) / pipeline.stage_seconds["parse"], 3),
        "stage_seconds": {k: round(v, 2) for k, v in sorted(pipeline.stage_seconds.items())},
    }


def measure_memory(corpus: str, shared: Path, repeat: int) -> dict[str, object]:
    """Peak RSS of a streamed ingest of `repeat` copies of the corpus into a fresh SQLite file."""
    import tempfile

    from rashomon.extract import build_pipeline
    from rashomon.store import open_store

    texts = CORPORA[corpus](shared)
    pipeline = build_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        count = 0
        for copy in range(repeat):
            batch = _reports([f"{t}\n\n[copy {copy}]" for t in texts])
            for start in range(0, len(batch), 64):
                chunk = batch[start : start + 64]
                for report in chunk:
                    store.add_report(report)
                for result in pipeline.pipe(chunk):
                    if type(result).__name__ == "Analysis":
                        store.save_analysis(result)
                        count += 1
        elapsed = time.perf_counter() - started
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"corpus": corpus, "repeat": repeat, "reports": count, "seconds": round(elapsed, 1), "peak_rss_mb": round(peak_mb)}


def _executor_rate(executor: Any, reports: list, workers: int) -> dict[str, object]:
    """Reports/s of an executor over ``reports``, after a warm-up batch in which workers load spaCy."""
    try:
        list(executor.analyze(reports[: workers * 2]))
        started = time.perf_counter()
        results = list(executor.analyze(reports))
        elapsed = time.perf_counter() - started
    finally:
        executor.close()
    return {
        "workers": workers,
        "reports": len(results),
        "seconds": round(elapsed, 2),
        "reports_per_s": round(len(results) / elapsed, 2),
    }


def measure_ray(corpus: str, shared: Path, workers: int, limit: int) -> dict[str, object]:
    from rashomon.runner.ray import RayExecutor

    reports = _reports(CORPORA[corpus](shared)[:limit])
    return _executor_rate(RayExecutor(num_workers=workers), reports, workers)


def measure_processes(corpus: str, shared: Path, workers: int, limit: int) -> dict[str, object]:
    """Reports/s of the multi-process local executor (`rashomon ingest --workers N`), after warm-up."""
    from rashomon.runner.process import ProcessExecutor

    reports = _reports(CORPORA[corpus](shared)[:limit])
    return _executor_rate(ProcessExecutor(workers=workers), reports, workers)


def measure_link(sizes: list[int], budget_s: float, shared: Path) -> dict[str, object]:
    """Incident linking on synthetic mentions (scripts/bench_link.py); sizes over budget are extrapolated."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_link

    return {"rows": bench_link.run(sizes, budget_s)}


MEASUREMENTS = {
    "throughput": measure_throughput,
    "memory": measure_memory,
    "ray": measure_ray,
    "processes": measure_processes,
    "link": measure_link,
}


def _child(name: str, **kwargs: object) -> dict[str, object]:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, __file__, "--child", name, "--kwargs", json.dumps(kwargs, default=str)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report


def machine() -> str:
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GiB RAM, Python {platform.python_version()}, {platform.system()}"


SECTIONS = ("throughput", "processes", "memory", "ray", "link")


def sections(shared: Path, quick: bool, only: tuple[str, ...] = SECTIONS) -> Iterator[tuple[str, list[dict[str, object]]]]:
    limit = 48 if quick else 160
    if "throughput" in only:
        corpora = ("guardian",) if quick else tuple(CORPORA)
        yield "throughput", [_child("throughput", corpus=c, shared=str(shared), repeat=1, n_process=1) for c in corpora]
    if "processes" in only:
        yield "processes", [_child("processes", corpus="guardian", shared=str(shared), workers=w, limit=limit) for w in (1, 2)]
    if "memory" in only:
        factors = (1, 2) if quick else (1, 4, 16)
        yield "memory", [_child("memory", corpus="guardian", shared=str(shared), repeat=f) for f in factors]
    if "ray" in only:
        yield "ray", [_child("ray", corpus="guardian", shared=str(shared), workers=w, limit=limit) for w in (1, 2)]
    if "link" in only:
        sizes = [1_500, 10_000, 100_000, 1_000_000] if quick else [3_000, 10_000, 100_000, 1_000_000]
        budget = 300.0 if quick else 1800.0
        yield "link", _child("link", sizes=sizes, budget_s=budget, shared=str(shared))["rows"]  # type: ignore[arg-type]


def render(results: dict[str, list[dict[str, object]]], command: str) -> str:
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {machine()}.",
        "",
        f"Reproduce with `{command}` (about 20 minutes; `--quick` for a smaller run).",
        "",
        "## Throughput and the parse floor",
        "",
        "Full analysis (`Pipeline.pipe`: spaCy parse plus Rashomon's components) against bare",
        "`nlp.pipe` with the same model over the same texts, in the same process. Target: ratio <= 1.5,",
        ">= 15 reports/s.",
        "",
        "The ratio is of CPU seconds (wall-clock ratio in brackets); reports per CPU-second is what one",
        "uncontended core would do. 'in-pipeline' is the full pipeline's total over its own parse stage.",
        "",
        "| corpus | reports | sentences | bare parse CPU s | full CPU s | reports/s (wall) | reports/CPU-s | "
        "sentences/s (wall) | ratio (wall) | in-pipeline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results.get("throughput", []):
        lines.append(
            f"| {r['corpus']} | {r['reports']} | {r['sentences']} | {r.get('bare_parse_cpu_s')} | {r.get('full_cpu_s')} | "
            f"{r['reports_per_s']} | {r.get('reports_per_cpu_s')} | {r['sentences_per_s']} | "
            f"{r['parse_floor_ratio']} ({r.get('parse_floor_ratio_wall')}) | {r.get('in_pipeline_ratio')} |"
        )
    lines += [
        "",
        "Time per stage, seconds in all (milliseconds per report); each component's time is what it adds",
        "beyond the spaCy parse:",
        "",
    ]
    for r in results.get("throughput", []):
        per = 1000 / max(int(r["reports"]), 1)  # type: ignore[call-overload]
        stages = ", ".join(f"{k} {v} ({v * per:.0f} ms)" for k, v in r["stage_seconds"].items())  # type: ignore[union-attr]
        lines.append(f"- {r['corpus']}: {stages}")
    lines += [
        "",
        "## Local worker processes",
        "",
        "`rashomon ingest --workers N` (runner.process.ProcessExecutor), Guardian articles, after warm-up.",
        "",
        "| processes | reports | seconds | reports/s |",
        "|---:|---:|---:|---:|",
    ]
    for r in results.get("processes", []):
        lines.append(f"| {r['workers']} | {r['reports']} | {r['seconds']} | {r['reports_per_s']} |")
    lines += [
        "",
        "## Memory",
        "",
        "Peak RSS of a streamed ingest (batches of 64, SQLite store) of N copies of the Guardian corpus.",
        "Target: <= 1.5 GB and flat.",
        "",
        "| copies | reports | seconds | peak RSS MB |",
        "|---:|---:|---:|---:|",
    ]
    for r in results.get("memory", []):
        lines.append(f"| {r['repeat']}x | {r['reports']} | {r['seconds']} | {r['peak_rss_mb']} |")
    lines += [
        "",
        "## Ray",
        "",
        "Ray local mode on this machine, Guardian articles, after warm-up. Target: >= 1.7x from 1 to 2 workers.",
        "",
    ]
    lines += ["| workers | reports | seconds | reports/s |", "|---:|---:|---:|---:|"]
    for r in results.get("ray", []):
        lines.append(f"| {r['workers']} | {r['reports']} | {r['seconds']} | {r['reports_per_s']} |")
    if len(results.get("ray", [])) == 2:
        speedup = float(results["ray"][1]["reports_per_s"]) / float(results["ray"][0]["reports_per_s"])  # type: ignore[arg-type]
        lines += ["", f"Speed-up 1 -> 2 workers: {speedup:.2f}x."]
    lines += [
        "",
        "## Linking",
        "",
        "`scripts/bench_link.py`: synthetic event mentions at constant density, linked in daily batches by one",
        "`Linker`; CPU seconds of one process. Target: 1M in <= 10 minutes on one core. Rows marked",
        "*extrapolated* were not run: the largest measured run's time plus its marginal CPU cost per mention",
        "(its last quarter, once the time window is full) for each further mention.",
        "",
        "| mentions | CPU seconds | mentions/s | incidents | how |",
        "|---:|---:|---:|---:|---|",
    ]
    for r in results.get("link", []):
        how = f"extrapolated from {r['from_mentions']}" if r["extrapolated"] else "measured"
        lines.append(f"| {r['mentions']} | {r['seconds']} | {r['mentions_per_s']} | {r['incidents'] or ''} | {how} |")
    return "\n".join(lines) + "\n"


NOTES_HEADING = "## Reading these figures"


def measure_web() -> dict[str, object]:
    """Server time of the incident page of a 50-report incident (scripts/bench_web.py)."""
    cmd = [sys.executable, str(REPO / "scripts/bench_web.py"), "--json"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=REPO)
    return json.loads(out.stdout.strip().splitlines()[-1])


def render_web(r: dict[str, object]) -> str:
    return "\n".join(
        [
            "",
            "## Incident page",
            "",
            f"Server time of the incident page for an incident built from {r['reports']} reports",
            "(`scripts/bench_web.py`). Target: < 300 ms.",
            "",
            "| requests | median ms | p95 ms | max ms | first request ms |",
            "|---:|---:|---:|---:|---:|",
            f"| {r['requests']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['first_request_ms']} |",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--output", type=Path, default=REPO / "docs/performance.md")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--results", type=Path, help="also write the raw results as JSON here")
    parser.add_argument("--child")
    parser.add_argument("--kwargs")
    args = parser.parse_args(argv)
    if args.child:
        kwargs = json.loads(args.kwargs)
        kwargs["shared"] = Path(kwargs["shared"])
        print(json.dumps(MEASUREMENTS[args.child](**kwargs)))
        return 0
    if not (args.shared / "data").exists():
        print(f"bench: {args.shared / 'data'} is absent; pass --shared with the shared datasets", file=sys.stderr)
        return 2
    command = "make bench" if not args.quick else "make bench BENCH_ARGS=--quick"
    results: dict[str, list[dict[str, object]]] = {}
    for name, rows in sections(args.shared, args.quick, tuple(args.sections)):
        results[name] = rows
        print(f"bench: {name}: {json.dumps(rows)}", file=sys.stderr)
        if args.results:
            args.results.write_text(json.dumps(results, indent=1), encoding="utf-8")
    page = render(results, command) + render_web(measure_web())
    # The hand-written reading of the figures (from NOTES_HEADING on) is kept across reruns.
    if args.output.exists():
        old = args.output.read_text(encoding="utf-8")
        if NOTES_HEADING in old:
            page += "\n" + old[old.index(NOTES_HEADING) :]
    args.output.write_text(page, encoding="utf-8")
    print(f"bench: wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
