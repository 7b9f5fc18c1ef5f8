#!/usr/bin/python3
"""Prints an XLSX workbook as JSON ({sheet: [[cell, ...], ...]}), read by openpyxl: an independent
reader of what Pairwise's exports write (tests/browser/reports.test.mjs)."""
import json
import sys

from openpyxl import load_workbook

book = load_workbook(sys.argv[1], read_only=True, data_only=True)
print(json.dumps({ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}))
