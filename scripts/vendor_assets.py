"""Copy the built front-end files from node_modules into the package (run by `make assets` after `npm ci`).

The copies are build outputs, committed so that `pip install` works on a machine without
Node or network. MANIFEST.json records, per npm package, the version and lock-file
integrity it came from and the SHA-256 of every copied file; tests/web/test_assets.py
checks the committed files against it (and against node_modules when present).

Usage: python scripts/vendor_assets.py [--node-modules node_modules] [--dest src/rashomon/web/static/vendor]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# package -> files to copy, relative to the package folder (globs allowed).
FILES: dict[str, tuple[str, ...]] = {
    "leaflet": ("dist/leaflet.js", "dist/leaflet.css", "dist/images/*.png", "LICENSE"),
    "topojson-client": ("dist/topojson-client.min.js", "LICENSE"),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendor(node_modules: Path, dest: Path, lock: Path) -> dict[str, object]:
    packages = json.loads(lock.read_text())["packages"]
    manifest: dict[str, object] = {}
    for name, patterns in FILES.items():
        source = node_modules / name
        meta = json.loads((source / "package.json").read_text())
        locked = packages.get(f"node_modules/{name}", {})
        if locked.get("version") != meta["version"]:
            raise SystemExit(
                f"{name} in node_modules is {meta['version']} but package-lock.json pins {locked.get('version')}; run npm ci"
            )
        target = dest / name
        if target.exists():
            shutil.rmtree(target)
        copied: dict[str, str] = {}
        for pattern in patterns:
            matches = sorted(source.glob(pattern))
            if not matches:
                raise SystemExit(f"{name}: nothing matches {pattern}; has the package layout changed?")
            for path in matches:
                out = target / path.name if "images" not in pattern else target / "images" / path.name
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out)
                copied[out.relative_to(dest).as_posix()] = sha256(out)
        manifest[name] = {"version": meta["version"], "integrity": locked.get("integrity"), "files": copied}
    (dest / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    parser.add_argument("--dest", type=Path, default=ROOT / "src/rashomon/web/static/vendor")
    parser.add_argument("--lock", type=Path, default=ROOT / "package-lock.json")
    args = parser.parse_args(argv)
    if not args.node_modules.is_dir():
        print(f"{args.node_modules} is missing; run `npm ci` first (make assets does)", file=sys.stderr)
        return 2
    manifest = vendor(args.node_modules, args.dest, args.lock)
    for name, entry in manifest.items():
        assert isinstance(entry, dict)
        print(f"{name} {entry['version']}: {len(entry['files'])} files -> {args.dest / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
