#!/usr/bin/env python3
"""Open quotelink's XLSX output with openpyxl and check its rows, types and
formatting (run by .ci/run; needs openpyxl).

Usage: python3 tests/xlsx_check.py [target/release/quotelink]
"""
import datetime
import os
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/quotelink")

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {name}")
    else:
        failed += 1
        print(f"FAIL: {name} {detail}")


with tempfile.TemporaryDirectory() as tmp:
    articles = os.path.join(tmp, "articles")
    os.mkdir(articles)
    for f in sorted(os.listdir(os.path.join(ROOT, "tests/data/articles"))):
        with open(os.path.join(ROOT, "tests/data/articles", f), encoding="utf-8") as src:
            open(os.path.join(articles, f), "w", encoding="utf-8").write(src.read())
    with open(os.path.join(articles, "zz_formula.txt"), "w", encoding="utf-8") as f:
        f.write(' date 2026-02-05 T\n"=HYPERLINK(\\"http://x\\"),\" said Peskov. \"+1 for peace,\" he added.\n')
    out = os.path.join(tmp, "q.xlsx")
    subprocess.run([BIN, "extract", articles, "--format", "xlsx", "-o", out, "-q"], check=True)
    csv_rows = subprocess.run([BIN, "extract", articles, "-q"], capture_output=True, text=True, check=True).stdout
    n_csv = len(csv_rows.splitlines()) - 1  # no quote in the samples spans lines

    wb = openpyxl.load_workbook(out)
    check("two sheets", wb.sheetnames == ["quotes", "speakers"], wb.sheetnames)
    ws = wb["quotes"]
    header = [c.value for c in ws[1]]
    check("header row", header[:10] == ["speaker", "quote", "date", "kind", "cue", "speaker_mention", "source", "start", "end", "rule"], header)
    check("metadata columns at the end", header[-4:] == ["title", "url", "outlet", "lang"], header)
    check("header frozen", ws.freeze_panes == "A2", ws.freeze_panes)
    check("autofilter", bool(ws.auto_filter.ref) and ws.auto_filter.ref.startswith("A1:"), ws.auto_filter.ref)
    check("same rows as the CSV", ws.max_row - 1 == n_csv, (ws.max_row - 1, n_csv))
    check("quote column wide", ws.column_dimensions["B"].width >= 60, ws.column_dimensions["B"].width)
    body = list(ws.iter_rows(min_row=2))
    check("quotes wrap", all(r[1].alignment.wrap_text for r in body))
    check("dates are date cells", all(isinstance(r[2].value, datetime.datetime) for r in body),
          [r[2].value for r in body[:3]])
    check("date format", body[0][2].number_format == "yyyy-mm-dd", body[0][2].number_format)
    check("offsets are numbers", all(isinstance(r[7].value, (int, float)) for r in body))
    check("every text cell is a string", all(r[c].data_type == "s" for r in body for c in (0, 1, 3, 4, 5, 6, 9) if r[c].value is not None))
    formulas = [r[1] for r in body if str(r[1].value).startswith(("=", "+"))]
    check("formula-like quotes stay text", len(formulas) == 2 and all(c.data_type == "s" for c in formulas),
          [(c.value, c.data_type) for c in formulas])
    sp = wb["speakers"]
    rows = {r[0].value: [c.value for c in r] for r in sp.iter_rows(min_row=2)}
    peskov = rows.get("Dmitry Peskov")
    check("speaker summary", peskov is not None and peskov[1] >= 20 and peskov[7] >= 4 and isinstance(peskov[5], datetime.datetime), peskov)
    totals = [r[4].value for r in sp.iter_rows(min_row=2)]
    check("speakers sorted by rows, most first", totals == sorted(totals, reverse=True) and totals[0] > totals[-1], totals)
    widths = {col: sp.column_dimensions[col].width for col in "ABCDEFGH"}
    check("every speakers column sized", all(w and w >= 8 for w in widths.values()), widths)
    check("speakers date columns readable (yyyy-mm-dd fits)", widths["F"] >= 11 and widths["G"] >= 11, widths)
    check("quotes date columns readable", ws.column_dimensions["C"].width >= 11, ws.column_dimensions["C"].width)
    # the format follows the file name: -o x.xlsx with no --format is a workbook too
    out2 = os.path.join(tmp, "by-name.xlsx")
    subprocess.run([BIN, "extract", articles, "-o", out2, "-q"], check=True)
    check("-o FILE.xlsx writes a workbook", openpyxl.load_workbook(out2).sheetnames == ["quotes", "speakers"])
    # --columns picks the quotes sheet's columns
    out3 = os.path.join(tmp, "cols.xlsx")
    subprocess.run([BIN, "extract", articles, "-o", out3, "-q", "--columns", "date,speaker,quote"], check=True)
    check("--columns in a workbook", [c.value for c in openpyxl.load_workbook(out3)["quotes"][1]] == ["date", "speaker", "quote"])

print(f"xlsx: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
