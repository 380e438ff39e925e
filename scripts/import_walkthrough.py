#!/usr/bin/env python3
"""Import a walkthrough document as a draft: `make import SRC=path/to/document.txt [SLUG=] [FORCE=1]`.

Writes data/walkthroughs/<slug>.yml (`draft: true`) and prints which field each line of the document
went to, and what is left to do. On any problem it prints `file:line: message`, writes nothing and
exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.importer import ImportFailed, import_document, write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="the document: one paragraph a line, as tests/fixtures/seeds/*.txt")
    parser.add_argument("--slug", help="the walkthrough's slug (default: a short one from the question)")
    parser.add_argument("--force", action="store_true", help="replace an existing walkthrough file")
    parser.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.source:
        print("make import needs SRC=path/to/document.txt", file=sys.stderr)
        return 2
    source = Path(args.source)
    try:
        data = source.read_bytes()
    except OSError as error:
        print(f"{source}: cannot read it: {error.strerror}", file=sys.stderr)
        return 1
    try:
        imported = import_document(data, str(source), args.project, args.slug or None)
        target = write(imported, args.project, force=args.force)
    except ImportFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(imported.report())
    print(f"Wrote {target.relative_to(args.project).as_posix()} as a draft. `make serve` previews it with its to-do list.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
