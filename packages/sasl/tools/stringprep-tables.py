#!/usr/bin/env python3
"""Print the RFC 3454 tables SASLprep (RFC 4013) uses, as compact ranges for src/stringprep-tables.ts.

CPython's `stringprep` module implements the RFC 3454 tables on its frozen Unicode 3.2 data
(`unicodedata.ucd_3_2_0`), the version RFC 3454 §1.1 fixes. It is the source here because it
was built independently of the npm package our tests compare against (@mongodb-js/saslprep).
Not part of any build: run it by hand (`python3 tools/stringprep-tables.py`) and paste the output.

Encoding: ranges sorted by start; each written as base36 `gap` or `gap:extra`, comma separated,
where `gap` is start minus the previous range's end (the first is relative to 0) and `extra`
is end minus start (omitted when 0).
"""
import stringprep

TABLES = {
    'A1': stringprep.in_table_a1,    # unassigned in Unicode 3.2
    'B1': stringprep.in_table_b1,    # commonly mapped to nothing
    'C12': stringprep.in_table_c12,  # non-ASCII space
    'C21': stringprep.in_table_c21,
    'C22': stringprep.in_table_c22,
    'C3': stringprep.in_table_c3,
    'C4': stringprep.in_table_c4,
    'C5': stringprep.in_table_c5,
    'C6': stringprep.in_table_c6,
    'C7': stringprep.in_table_c7,
    'C8': stringprep.in_table_c8,
    'C9': stringprep.in_table_c9,
    'D1': stringprep.in_table_d1,    # RandALCat
    'D2': stringprep.in_table_d2,    # LCat
}


def ranges(test):
    out = []
    for cp in range(0x110000):
        if test(chr(cp)):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def b36(n):
    digits = '0123456789abcdefghijklmnopqrstuvwxyz'
    s = ''
    while True:
        n, r = divmod(n, 36)
        s = digits[r] + s
        if n == 0:
            return s


def encode(rs):
    parts, prev = [], 0
    for start, end in rs:
        parts.append(b36(start - prev) + (':' + b36(end - start) if end > start else ''))
        prev = end
    return ','.join(parts)


def merge(*tests):
    return lambda ch: any(t(ch) for t in tests)


if __name__ == '__main__':
    import unicodedata
    print(f'// Unicode {unicodedata.ucd_3_2_0.unidata_version}, CPython stringprep')
    for name in ('A1', 'B1', 'C12', 'D1', 'D2'):
        rs = ranges(TABLES[name])
        print(f'{name} ({len(rs)} ranges): {encode(rs)}')
    # RFC 4013 §2.3: every prohibited table, merged (C.1.2 too: it is both mapped and prohibited,
    # and mapping runs first, so it can only be reached through NFKC output).
    prohibited = merge(*(TABLES[n] for n in ('C12', 'C21', 'C22', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9')))
    rs = ranges(prohibited)
    print(f'PROHIBITED ({len(rs)} ranges): {encode(rs)}')
