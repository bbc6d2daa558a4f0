"""The Markdown table of docs/performance.md's "Latest run", from two runs' results.

    python benchmarks/run.py --output /tmp/run1.json
    python benchmarks/run.py --output /tmp/run2.json
    python benchmarks/table.py /tmp/run1.json /tmp/run2.json

Medians are run 1's, in each row's own unit; ratios are both runs'. Written by a script so
that no figure of the page is copied by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

UNITS = {"us": "µs", "ms": "ms"}
TIMES = "\N{MULTIPLICATION SIGN}"
# Rows against json.loads alone, whose targets issue 21 moved to the rows against a generated
# client: printed as a record, their targets not judged.
SUPERSEDED = {
    "parse one object (bytes to model)",
    "parse one connection via Model.from_dict",
    "10,000-utterance transcript with word timings via from_dict/structure",
}


def target_text(row: dict[str, Any]) -> str:
    if row["measure"] == "attendee --help, wall":
        # A limit in time: run.py stores it as a ratio to the row's floor.
        return f"< {row['target'] * row['floor_median']:.0f} {row['unit']}"
    return f"≤ {row['target']:.2f}{TIMES}"


def ratio_text(row: dict[str, Any]) -> str:
    if row["measure"] == "attendee --help, wall":
        return f"{row['sdk_median']:.0f} ms"
    return f"{row['ratio']:.3f}{TIMES}"


def table(first: dict[str, Any], second: dict[str, Any]) -> str:
    later = {row["measure"]: row for row in second["rows"]}
    lines = [
        "| measure | floor (median, run 1) | SDK (median, run 1) | run 1 / run 2 | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for row in first["rows"]:
        other = later.get(row["measure"])
        unit = UNITS.get(row["unit"], row["unit"])
        runs = ratio_text(row) + (f" / {ratio_text(other)}" if other else "")
        met = ["yes" if r["met"] else "**no**" for r in (row, other) if r is not None]
        if row["measure"] in SUPERSEDED:
            met = ["superseded (a record)"]
        lines.append(
            f"| {row['measure']} | {row['floor_median']:.1f} {unit} | "
            f"{row['sdk_median']:.1f} {unit} | {runs} | {target_text(row)} | {' / '.join(met)} |"
        )
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    first, second = (json.loads(Path(name).read_text()) for name in sys.argv[1:])
    print(table(first, second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
