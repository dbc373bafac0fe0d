#!/usr/bin/env python3
"""Checks that notebooks/run.py fails on every broken notebook in this folder,
at the cell and with the message each one's metadata names
(`newsfigures.expect_failure`), and leaves the notebook's file untouched.

    .venv/bin/python tests/notebooks/broken.py        # run from the repository's root (CI does)
"""
import subprocess
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
RUN = HERE.parent.parent / "notebooks" / "run.py"


def check(path):
    expect = nbformat.read(path, as_version=4).metadata["newsfigures"]["expect_failure"]
    before = path.read_bytes()
    result = subprocess.run([sys.executable, str(RUN), str(path)], capture_output=True, text=True)
    problems = []
    if result.returncode != 1:
        problems.append(f"run.py exited with {result.returncode}, not 1")
    where = f"FAILED {path.name}, cell {expect['cell']} "
    if where not in result.stderr:
        problems.append(f"run.py did not say {where.strip()!r}")
    if expect["message"] not in result.stderr:
        problems.append(f"run.py did not show the message {expect['message']!r}")
    if "stack backtrace" in result.stderr and "before-setup" not in path.name:
        problems.append("run.py showed a backtrace, not just the message")
    if path.read_bytes() != before:
        problems.append("run.py rewrote the notebook")
    return problems, result.stderr


def main():
    failed = 0
    for path in sorted(HERE.glob("broken-*.ipynb")):
        problems, stderr = check(path)
        if problems:
            failed += 1
            print(f"NOT OK {path.name}: " + "; ".join(problems), file=sys.stderr)
            print(stderr[-3000:], file=sys.stderr)
        else:
            print(f"ok     {path.name}: run.py fails as it should ({stderr.splitlines()[0]})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
