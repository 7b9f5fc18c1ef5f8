#!/usr/bin/python3
"""Prints an export's rows as JSON ([[cell, ...], ...]), read by independent readers: Python's
csv module in strict mode (RFC 4180 quoting; a malformed file is an error) for .csv, openpyxl
for .xlsx (every sheet's rows, the first sheet first). Used by tests/http/table_exports_test.cpp."""
import csv
import json
import sys

path = sys.argv[1]
if path.endswith(".csv"):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
else:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    rows = [list(row) for ws in book.worksheets for row in ws.iter_rows(values_only=True)]
print(json.dumps(rows))
