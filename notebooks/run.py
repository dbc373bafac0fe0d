#!/usr/bin/env python3
"""Execute notebooks top to bottom on the Rust kernel and write them back.

    .venv/bin/python notebooks/run.py                 # every notebooks/NN-*.ipynb, in order
    .venv/bin/python notebooks/run.py path.ipynb ...  # just these

Each notebook runs in its own folder (so `../data` and `evcxr.toml` resolve as
they do in Jupyter). Any cell error or time-out stops the run with exit 1,
naming the notebook and the cell. Executed notebooks are written back with the
volatile fields (timings, kernel versions) removed, so that `git diff` shows
only real changes in outputs.
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

HERE = Path(__file__).resolve().parent


def normalise(nb):
    """Drops what changes from run to run without the analysis changing."""
    nb.metadata.pop("widgets", None)
    nb.metadata.get("language_info", {}).pop("version", None)
    for n, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
    nb.nbformat_minor = 4
    return nb


def cell_seconds(nb):
    """Seconds each code cell took, from nbclient's timing metadata."""
    from datetime import datetime
    out = []
    for cell in nb.cells:
        t = cell.metadata.get("execution", {})
        start, end = t.get("iopub.execute_input"), t.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
            out.append((parse(end) - parse(start)).total_seconds())
    return out


def run(path, timeout, kernel):
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
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" or out.get("name") == "stderr":
                    detail = out.get("text") or "\n".join([out.get("evalue", "")] + out.get("traceback", []))
                    print(f"--- cell {n}:\n{detail.strip()[-3000:]}", file=sys.stderr)
        return False
    cells = " ".join(f"{s:.1f}" for s in cell_seconds(nb))
    nbformat.write(normalise(nb), path)
    print(f"ok     {path.name}: {time.monotonic() - start:.1f} s (cells: {cells})")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--timeout", type=int, default=2400,
                        help="seconds one cell may take (a cold first cell compiles polars)")
    parser.add_argument("--kernel", default="rust",
                        help="kernel spec to run on (notebooks/setup.sh registers `rust`)")
    args = parser.parse_args()
    paths = args.notebooks or sorted(HERE.glob("[0-9][0-9]-*.ipynb"))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    for p in paths:
        if not run(p.resolve(), args.timeout, args.kernel):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
