#!/usr/bin/env python3
"""Runs parallel-a.ipynb and parallel-b.ipynb at the same moment, each on a
kernel of its own, and checks that both succeed, each with its own answers
(every cell asserts them, and prints which notebook it is), on kernels that
built in different folders and really ran at the same time.

Kernels once shared one build folder: started together, one died ("Error
renaming ... libctx.so"); running cells together, both printed the same
answer. notebooks/kernel.sh now gives each kernel a folder of its own.

    .venv/bin/python tests/notebooks/parallel.py      # run from the repository's root (CI does)
"""
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "notebooks"))
import run  # noqa: E402  (notebooks/run.py)


def execute(path):
    """Runs one notebook; returns what each code cell printed, and when the
    cells ran, or the failure."""
    began = time.time()
    try:
        nb, _, _ = run.execute(path, "rust", 2400)
    except run.CellFailed as failure:
        return {"failed": f"{failure}\n{failure.printed}"}
    cells = [run.printed(c) for c in nb.cells if c.cell_type == "code"]
    return {"cells": cells, "began": began, "ended": time.time()}


def main():
    paths = [HERE / "parallel-a.ipynb", HERE / "parallel-b.ipynb"]
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = dict(zip("ab", pool.map(execute, paths)))
    problems = []
    folders = {}
    for side, result in results.items():
        if "failed" in result:
            problems.append(f"parallel-{side}.ipynb failed: {result['failed']}")
            continue
        text = "\n".join(result["cells"])
        other = "b" if side == "a" else "a"
        if f"notebook {other}" in text:
            problems.append(f"parallel-{side}.ipynb printed notebook {other}'s answers:\n{text}")
        steps = re.findall(rf"notebook {side}: step (\d+)", text)
        if steps != [str(k) for k in range(1, 7)]:
            problems.append(f"parallel-{side}.ipynb did not print each of its steps once:\n{text}")
        folder = re.search(rf"notebook {side}: kernel folder (\S+)", text)
        folders[side] = folder.group(1) if folder else None
    if not problems:
        if folders["a"] is None or folders["a"] == folders["b"]:
            problems.append(f"the kernels did not build in folders of their own: {folders}")
        a, b = results["a"], results["b"]
        if a["ended"] < b["began"] or b["ended"] < a["began"]:
            problems.append("the two notebooks did not run at the same time")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"ok     two notebooks at once, each with its own answers, in {folders['a']} and {folders['b']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
