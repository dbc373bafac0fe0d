#!/usr/bin/env python3
"""Loads every CSV/JSON table twin of a newsfigures output with pandas and
checks that both give the same DataFrame.

    .venv/bin/python .ci/pandas_roundtrip.py OUTPUT_DIR

For every tabular resource in OUTPUT_DIR/datapackage.json at tables/X.csv
whose twin tables/X.json is also a resource there, both files are loaded with
the schema's types, the same way for both:

    string  -> object (str, None for missing)
    number  -> float64 (NaN for missing)
    integer -> Int64 (nullable)
    boolean -> boolean (nullable; the schema's trueValues/falseValues for CSV)
    date    -> datetime64 (ISO 8601 YYYY-MM-DD, or the field's format)
    other   -> object, compared as loaded

The CSV is read as text (no pandas guessing) with the schema's missingValues
(default [""]) as missing; the JSON is read with the json module (no pandas
guessing either) and each value must already have its JSON type (a number for
number, true/false for boolean, a string for string and date). Columns keep
the order each file gives them: the CSV's header, the JSON objects' key order
(what pandas.read_csv and pandas.read_json give a reader).

It fails on: a CSV header that is not the schema's field order, JSON objects
whose keys are not the schema's fields, JSON twins whose schema differs from
the CSV's, a value that does not parse as its type, different column order,
different row counts, and any cell that differs (value, or missing in one and
not the other), each reported with its column and row.
"""

import csv
import datetime as dt
import json
import math
import sys
from pathlib import Path

import pandas as pd

DEFAULT_TRUE = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE = ["false", "False", "FALSE", "0"]


class CellError(Exception):
    pass


def strptime_format(field):
    fmt = field.get("format", "default")
    if fmt in (None, "default"):
        return "%Y-%m-%d"
    if fmt == "any":
        return None
    return fmt


def from_csv_cell(raw, field):
    """raw is the CSV text, or None for a missing value."""
    if raw is None:
        return None
    t = field.get("type", "string")
    if t == "string":
        return raw
    if t == "number":
        try:
            return float(raw)
        except ValueError as exc:
            raise CellError(f"not a number: {raw!r}") from exc
    if t == "integer":
        try:
            return int(raw)
        except ValueError as exc:
            raise CellError(f"not an integer: {raw!r}") from exc
    if t == "boolean":
        if raw in field.get("trueValues", DEFAULT_TRUE):
            return True
        if raw in field.get("falseValues", DEFAULT_FALSE):
            return False
        raise CellError(f"not a boolean: {raw!r}")
    if t == "date":
        return parse_date(raw, field)
    return raw


def from_json_cell(value, field):
    if value is None:
        return None
    t = field.get("type", "string")
    if t == "string":
        if not isinstance(value, str):
            raise CellError(f"JSON {type(value).__name__} {value!r} where the schema says string")
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CellError(f"JSON {type(value).__name__} {value!r} where the schema says number")
        return float(value)
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise CellError(f"JSON {type(value).__name__} {value!r} where the schema says integer")
        return value
    if t == "boolean":
        if not isinstance(value, bool):
            raise CellError(f"JSON {type(value).__name__} {value!r} where the schema says boolean")
        return value
    if t == "date":
        if not isinstance(value, str):
            raise CellError(f"JSON {type(value).__name__} {value!r} where the schema says date")
        return parse_date(value, field)
    return value


def parse_date(text, field):
    fmt = strptime_format(field)
    try:
        if fmt is None:
            return pd.Timestamp(text)
        return pd.Timestamp(dt.datetime.strptime(text, fmt))
    except ValueError as exc:
        raise CellError(f"not a date ({fmt or 'any'}): {text!r}") from exc


def to_series(values, field, name):
    t = field.get("type", "string")
    if t == "number":
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64", name=name)
    if t == "integer":
        return pd.Series(values, dtype="Int64", name=name)
    if t == "boolean":
        return pd.Series(values, dtype="boolean", name=name)
    if t == "date":
        return pd.Series([pd.NaT if v is None else v for v in values], dtype="datetime64[ns]", name=name)
    return pd.Series(values, dtype="object", name=name)


def load_csv(path, schema, problems):
    fields = {f["name"]: f for f in schema["fields"]}
    missing = set(schema.get("missingValues", [""]))
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], [r for r in rows[1:] if any(c != "" for c in r)]
    if header != list(fields):
        problems.append(f"{path.name}: header {header} is not the schema's field order {list(fields)}")
    columns = {}
    for j, name in enumerate(header):
        field = fields.get(name, {"type": "string"})
        values = []
        for i, r in enumerate(data):
            raw = r[j] if j < len(r) else None
            if len(r) != len(header) and j == 0:
                problems.append(f"{path.name} row {i + 1}: {len(r)} cells, header has {len(header)}")
            try:
                values.append(from_csv_cell(None if raw is None or raw in missing else raw, field))
            except CellError as exc:
                problems.append(f"{path.name} column {name!r} row {i + 1}: {exc}")
                values.append(None)
        columns[name] = to_series(values, field, name)
    return pd.DataFrame(columns, columns=header)


def load_json(path, schema, problems):
    fields = {f["name"]: f for f in schema["fields"]}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(o, dict) for o in data):
        problems.append(f"{path.name}: not an array of objects")
        return pd.DataFrame()
    order = list(data[0].keys()) if data else list(fields)
    if set(order) != set(fields):
        problems.append(f"{path.name}: keys {sorted(set(order) ^ set(fields))} are in the objects or the schema, not both")
    for i, o in enumerate(data):
        if list(o.keys()) != order:
            problems.append(f"{path.name} row {i + 1}: keys {list(o.keys())} differ from row 1's {order}")
    columns = {}
    for name in order:
        field = fields.get(name, {"type": "string"})
        values = []
        for i, o in enumerate(data):
            try:
                values.append(from_json_cell(o.get(name), field))
            except CellError as exc:
                problems.append(f"{path.name} column {name!r} row {i + 1}: {exc}")
                values.append(None)
        columns[name] = to_series(values, field, name)
    return pd.DataFrame(columns, columns=order)


def row_label(df, i):
    if "id" in df.columns and i < len(df) and df["id"].iloc[i] is not None:
        return f"row {i + 1} (id={df['id'].iloc[i]})"
    return f"row {i + 1}"


def show(v, missing):
    if missing:
        return "missing"
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat() if v == v.normalize() else v.isoformat()
    return repr(v.item() if hasattr(v, "item") else v)


def compare(a, b, problems, limit=20):
    """a: from CSV, b: from JSON (already in a's column order)."""
    if len(a) != len(b):
        problems.append(f"row count: CSV {len(a)}, JSON {len(b)}")
    n = min(len(a), len(b))
    cells = []
    for col in a.columns:
        if col not in b.columns:
            continue
        x, y = a[col].iloc[:n], b[col].iloc[:n]
        if x.dtype != y.dtype:
            problems.append(f"column {col!r}: dtype CSV {x.dtype}, JSON {y.dtype}")
        xn, yn = x.isna().to_numpy(), y.isna().to_numpy()
        for i in range(n):
            if xn[i] and yn[i]:
                continue
            if xn[i] != yn[i] or x.iloc[i] != y.iloc[i]:
                cells.append(f"column {col!r} {row_label(a, i)}: CSV {show(x.iloc[i], xn[i])}, JSON {show(y.iloc[i], yn[i])}")
    problems.extend(cells[:limit])
    if len(cells) > limit:
        problems.append(f"… {len(cells) - limit} more differing cells")
    if not cells and len(a) == len(b) and list(a.columns) == list(b.columns):
        try:
            pd.testing.assert_frame_equal(a, b, check_exact=True)
        except AssertionError as exc:
            problems.append("assert_frame_equal: " + " ".join(str(exc).split())[:300])


def main():
    if len(sys.argv) != 2:
        print("usage: .venv/bin/python .ci/pandas_roundtrip.py OUTPUT_DIR", file=sys.stderr)
        return 2
    base = Path(sys.argv[1])
    package = json.loads((base / "datapackage.json").read_text(encoding="utf-8"))
    by_path = {r["path"]: r for r in package["resources"]}
    print(f"pandas {pd.__version__}: CSV/JSON twins in {base}")
    failed = passed = 0
    for path, res in by_path.items():
        if not (path.startswith("tables/") and path.endswith(".csv") and res.get("profile") == "tabular-data-resource"):
            continue
        twin_path = path[:-4] + ".json"
        twin = by_path.get(twin_path)
        if twin is None:
            note = "on disk but not in datapackage.json" if (base / twin_path).exists() else "missing"
            print(f"  FAIL {path}: JSON twin {twin_path} {note}")
            failed += 1
            continue
        problems = []
        if twin.get("schema") != res.get("schema"):
            problems.append(f"{twin_path}'s schema differs from {path}'s")
        schema = res["schema"]
        a = load_csv(base / path, schema, problems)
        b = load_json(base / twin_path, schema, problems)
        if list(a.columns) != list(b.columns):
            first = next((k for k, (p, q) in enumerate(zip(a.columns, b.columns)) if p != q), min(len(a.columns), len(b.columns)))
            problems.append(
                f"column order differs from position {first + 1}: CSV {list(a.columns)[first:first + 4]}…,"
                f" JSON {list(b.columns)[first:first + 4]}… (JSON keys: {'alphabetical' if list(b.columns) == sorted(b.columns) else 'file order'})"
            )
        common = [c for c in a.columns if c in b.columns]
        compare(a, b[common], problems)
        name = path[len("tables/"):-4]
        summary = f"{name}: {len(a)} rows x {len(a.columns)} columns (CSV) vs {len(b)} x {len(b.columns)} (JSON)"
        if problems:
            failed += 1
            print(f"  FAIL {summary}")
            for p in problems:
                print(f"       - {p}")
        else:
            passed += 1
            print(f"  ok   {summary}: equal")
    if passed + failed == 0:
        print("  no tables/X.csv + tables/X.json pairs found")
        return 1
    print(f"pandas: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
