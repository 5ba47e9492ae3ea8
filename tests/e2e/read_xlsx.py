#!/usr/bin/python3
"""Reads an .xlsx workbook (argv[1]) with openpyxl (Debian's python3-openpyxl)
and prints every non-empty cell, one per line, tab-separated:
  sheet  row  column  kind  value  bold
kind: s (text), n (number, printed as a float), d (a real Excel date, as
YYYY-MM-DD), b (boolean). bold: 1 or 0. Exits 1 when the file does not load."""
import sys

import openpyxl


def main():
    try:
        wb = openpyxl.load_workbook(sys.argv[1])
    except Exception as e:  # noqa: BLE001 - any failure to load is the answer
        print(f"not a workbook: {e}", file=sys.stderr)
        return 1
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                if c.is_date:
                    kind, value = "d", c.value.strftime("%Y-%m-%d")
                elif isinstance(c.value, bool):
                    kind, value = "b", str(c.value).lower()
                elif isinstance(c.value, (int, float)):
                    kind, value = "n", repr(float(c.value))
                else:
                    kind, value = "s", str(c.value)
                bold = "1" if c.font is not None and c.font.b else "0"
                print("\t".join([ws.title, str(c.row), str(c.column), kind, value, bold]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
