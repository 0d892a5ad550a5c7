"""``python -m portal.generator [--schema FILE] [--out DIR] [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.generator import OUTPUT_DIR, SCHEMA_FILE, differences, generate, write


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="portal.generator", description="Generate the portal (providers, integrated care boards)."
    )
    parser.add_argument("--schema", type=Path, default=SCHEMA_FILE, help="the exported schema (schema.graphql)")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help="where to write (portal/generated)")
    parser.add_argument("--check", action="store_true", help="fail if the generated files are out of date")
    args = parser.parse_args(argv)
    files = generate(args.schema.read_text())
    if args.check:
        stale = differences(files, args.out)
        if stale:
            sys.exit("portal/generated is out of date (run `make portal`): " + ", ".join(stale))
        print("portal/generated is up to date")
        return
    written = write(files, args.out)
    print(f"generated the portal: {len(files)} files, {len(written)} changed")


if __name__ == "__main__":
    main()
