#!/usr/bin/env python3
"""Execute notebooks top to bottom on the Rust kernel and write them back.

    .venv/bin/python notebooks/run.py                  # every notebooks/NN-*.ipynb, in order
    .venv/bin/python notebooks/run.py path.ipynb ...   # just these
    .venv/bin/python notebooks/run.py --story DIR      # notebook 01 for another story folder
    .venv/bin/python notebooks/run.py --timings        # also print where the time went
    .venv/bin/python notebooks/run.py --no-write X     # run X, leave the file as it is (tests)

Each notebook runs in its own folder (so `../data` and the `:dep` path resolve
as they do in Jupyter). A failing cell stops the run with exit 1, naming the
notebook and the cell and showing what it printed. A cell fails when the
kernel says so (a compile error; with the notebooks' kernel, also an error a
`?` returns and a panic, see src/notebook.rs), and also when it writes to
stderr or ends with an `Err` value, which the kernel counts as successes.
Executed notebooks are written back with the volatile fields (timings, kernel
versions) removed and execution counts numbered 1..n, so that `git diff`
shows only real changes in outputs. With --story, notebook 01 runs on that
folder (NEWSFIGURES_STORY) and is written to notebooks/runs/, which git
ignores.
"""
import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

HERE = Path(__file__).resolve().parent


class CellFailed(Exception):
    """A cell that failed: which one, why, and what it printed."""

    def __init__(self, notebook, index, number, reason, printed):
        super().__init__(f"{notebook}, cell {index} (code cell {number}): {reason}")
        self.printed = printed


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


def printed(cell):
    """Everything a cell printed, errors included, as text."""
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(f"[{out['name']}] {out['text'].rstrip()}")
        elif kind == "error":
            parts.append("[error] " + "\n".join([out.get("evalue", "")] + out.get("traceback", [])).strip())
        elif kind in ("execute_result", "display_data"):
            text = out.get("data", {}).get("text/plain")
            if text:
                parts.append(f"[value] {text.rstrip()}")
    # Compile errors come with terminal colours.
    return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(parts))


def silent_failure(cell):
    """Why a cell the kernel reported as a success has failed, or None."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return "it wrote to stderr"
        if out.get("output_type") == "execute_result":
            if out.get("data", {}).get("text/plain", "").lstrip().startswith("Err("):
                return "its value is an Err"
    return None


PROBE = "NEWSFIGURES_RUN_PY_PROBE"


async def late_stderr(client, timeout):
    """Every line written to stderr that reached no cell: runs a probe that
    writes a marker to stderr and reads the kernel's output, whatever cell
    it was sent for, up to the marker."""
    probe = client.kc.execute(f'eprintln!("{PROBE}");', store_history=False)
    late = []
    while True:
        msg = await ensure_async(client.kc.iopub_channel.get_msg(timeout=timeout))
        content = msg.get("content", {})
        if msg.get("msg_type") == "stream" and content.get("name") == "stderr":
            text = content.get("text", "")
            if PROBE in text:
                break
            late.append(text)
    await client.async_wait_for_reply(probe)
    return late


def execute(path, kernel, timeout):
    """Runs the notebook at `path`; returns it executed, with the seconds the
    kernel took to start and each code cell took. Raises CellFailed."""
    return asyncio.run(execute_async(path, kernel, timeout))


async def execute_async(path, kernel, timeout):
    """`execute`, cell by cell, so that a cell that fails silently stops
    the run there and the kernel's start is timed apart from the cells."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=False,
        startup_timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
    )
    seconds = []
    start = time.monotonic()
    async with client.async_setup_kernel():
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        nb.metadata["language_info"] = info["content"]["language_info"]
        kernel_start = time.monotonic() - start
        number = 0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            number += 1
            began = time.monotonic()
            try:
                await client.async_execute_cell(cell, index, execution_count=number)
            except (CellExecutionError, CellTimeoutError, DeadKernelError) as e:
                reason = type(e).__name__
                if isinstance(e, CellExecutionError):
                    reason = "the kernel reported an error"
                raise CellFailed(path.name, index, number, reason, printed(cell)) from None
            seconds.append(time.monotonic() - began)
            reason = silent_failure(cell)
            if reason:
                raise CellFailed(path.name, index, number, reason, printed(cell))
            last = (index, number, cell)
        # The kernel forwards what a cell writes to stderr from a thread of
        # its own, so a line can reach Jupyter after the cell's reply, when
        # nothing collects it. A probe writes a marker to stderr after the
        # last cell: lines leave the kernel in the order they were written,
        # so every line seen before the marker came from the notebook.
        if number:
            late = await late_stderr(client, timeout)
            if late:
                index, number, cell = last
                printed_late = "".join(f"[stderr] {line}" for line in late)
                raise CellFailed(path.name, index, number, "it wrote to stderr (after it finished)", printed_late)
    return nb, kernel_start, seconds


def run(path, out, timeout, kernel, timings, write=True):
    try:
        nb, kernel_start, seconds = execute(path, kernel, timeout)
    except CellFailed as failure:
        print(f"FAILED {failure}", file=sys.stderr)
        text = failure.printed
        if len(text) > 6000:  # a backtrace: its start says what happened
            text = f"{text[:3000]}\n[...]\n{text[-3000:]}"
        if text:
            print(text, file=sys.stderr)
        return False
    except Exception as e:  # the kernel did not start, or died between cells
        print(f"FAILED {path.name}: {type(e).__name__}: {str(e).strip()[:2000]}", file=sys.stderr)
        return False
    if write:
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(normalise(nb), out)
    total = kernel_start + sum(seconds)
    print(f"ok     {path.name}: {total:.1f} s (kernel {kernel_start:.1f}; cells: {' '.join(f'{s:.1f}' for s in seconds)})")
    if timings and seconds:
        later = seconds[1:] or [0.0]
        print(
            f"timing {path.name}: kernel start {kernel_start:.1f} s; first cell {seconds[0]:.1f} s; "
            f"later cells median {statistics.median(later):.2f} s, max {max(later):.2f} s ({len(later)} cells)"
        )
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--story", type=Path, help="run notebook 01 on this story folder")
    parser.add_argument("--timings", action="store_true", help="print kernel start, first-cell, median and maximum cell times")
    parser.add_argument("--timeout", type=int, default=2400,
                        help="seconds the kernel's start or one cell may take (a cold first cell compiles polars)")
    parser.add_argument("--no-write", action="store_true", help="run the notebooks but leave their files as they are")
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
        if not run(path, out, args.timeout, args.kernel, args.timings, write=not args.no_write):
            return 1
        if args.story:
            print(f"wrote  {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
