#!/usr/bin/env python3
"""Execute notebooks top to bottom on the Rust kernel and write them back.

    .venv/bin/python notebooks/run.py                  # every notebooks/NN-*.ipynb, in order
    .venv/bin/python notebooks/run.py path.ipynb ...   # just these
    .venv/bin/python notebooks/run.py --story DIR      # notebook 01 for another story folder
    .venv/bin/python notebooks/run.py --timings        # also print how long the cells took

Each notebook runs in its own folder (so `../data` and `evcxr.toml` resolve as
they do in Jupyter). Any cell error or time-out stops the run with exit 1,
naming the notebook and the cell. Executed notebooks are written back with the
volatile fields (timings, kernel versions) removed and execution counts
numbered 1..n, so that `git diff` shows only real changes in outputs. With
--story, notebook 01 runs on that folder (NEWSFIGURES_STORY) and is written to
notebooks/runs/, which git ignores.
"""
import argparse
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = Path(__file__).resolve().parent


def normalise(nb):
    """Drops what changes from run to run without the analysis changing, and
    numbers the code cells 1..n as one top-to-bottom run would."""
    nb.metadata.pop("widgets", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        cell.pop("id", None)
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = count
    nb.nbformat_minor = 4
    return nb


def cell_seconds(nb):
    """Seconds each code cell took, from nbclient's timing metadata."""
    out = []
    for cell in nb.cells:
        t = cell.metadata.get("execution", {})
        start, end = t.get("iopub.execute_input"), t.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
            out.append((parse(end) - parse(start)).total_seconds())
    return out


def run(path, out, timeout, kernel, timings):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.monotonic()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
        print(f"FAILED {path.name}: {type(e).__name__}", file=sys.stderr)
        print(str(e).strip()[-2000:], file=sys.stderr)
        # evcxr reports compile errors as cell output: show what the cell printed.
        for n, cell in enumerate(nb.cells):
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error" or o.get("name") == "stderr":
                    detail = o.get("text") or "\n".join([o.get("evalue", "")] + o.get("traceback", []))
                    print(f"--- cell {n}:\n{detail.strip()[-3000:]}", file=sys.stderr)
        return False
    seconds = cell_seconds(nb)
    total = time.monotonic() - start
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(normalise(nb), out)
    print(f"ok     {path.name}: {total:.1f} s (cells: {' '.join(f'{s:.1f}' for s in seconds)})")
    if timings and seconds:
        later = seconds[1:] or [0.0]
        print(
            f"timing {path.name}: first cell {seconds[0]:.1f} s; later cells median {statistics.median(later):.2f} s, "
            f"max {max(later):.2f} s ({len(later)} cells)"
        )
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--story", type=Path, help="run notebook 01 on this story folder")
    parser.add_argument("--timings", action="store_true", help="print first-cell, median and maximum cell times")
    parser.add_argument("--timeout", type=int, default=2400,
                        help="seconds one cell may take (a cold first cell compiles polars)")
    parser.add_argument("--kernel", default="rust",
                        help="kernel spec to run on (notebooks/setup.sh registers `rust`)")
    args = parser.parse_args()
    jobs = []
    if args.story:
        story = args.story.resolve()
        if not (story / "story.toml").is_file():
            print(f"{args.story}: not a story folder (no story.toml)", file=sys.stderr)
            return 2
        os.environ["NEWSFIGURES_STORY"] = str(story)
        first = HERE / "01-figures-and-sources.ipynb"
        jobs.append((first, HERE / "runs" / f"{story.name}-01-figures-and-sources.ipynb"))
    else:
        os.environ.pop("NEWSFIGURES_STORY", None)
        paths = args.notebooks or sorted(HERE.glob("[0-9][0-9]-*.ipynb"))
        jobs = [(p.resolve(), p.resolve()) for p in paths]
    if not jobs:
        print("no notebooks found", file=sys.stderr)
        return 1
    for path, out in jobs:
        if not run(path, out, args.timeout, args.kernel, args.timings):
            return 1
        if args.story:
            print(f"wrote  {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
