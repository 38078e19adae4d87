#!/usr/bin/env python3
"""Check a varied set's gold: every quote is an exact substring of its
article; every direct quote sits between an opening and a closing quote mark.
A quote that runs over paragraphs (a paragraph that opens with a mark and is
still open at its end, the next paragraph reopening with a mark) may end at
the end of its paragraph instead of at a closing mark.
Usage: check_gold.py [SET_FOLDER]  (default: this folder, tests/data/varied;
e.g. tests/data/varied3). Standard library only."""
import csv, os, sys

HERE = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
OPEN = '"“‘\'«'
CLOSE = '"”’\'»'
bad = 0
for name, direct in (('gold_direct.csv', True), ('gold_claims.csv', False)):
    with open(os.path.join(HERE, name), encoding='utf-8', newline='') as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        path = os.path.join(HERE, 'articles', r['source'])
        text = open(path, encoding='utf-8').read()
        q = r['quote']
        if not q or q != q.strip() or not r['speaker']:
            print('empty/untrimmed', name, r); bad += 1; continue
        i = text.find(q)
        if i < 0:
            print('NOT FOUND', name, r['source'], repr(q)); bad += 1; continue
        if direct:
            ok = False
            while i >= 0:
                after = text[i+len(q):i+len(q)+1]
                if i > 0 and text[i-1] in OPEN and after and after in CLOSE:
                    ok = True; break
                # a paragraph still open at its end, reopened in the next one
                if i > 0 and text[i-1] in OPEN and after == '\n' and text[i+len(q):].lstrip('\n')[:1] in OPEN:
                    ok = True; break
                i = text.find(q, i + 1)
            if not ok:
                print('NOT BETWEEN MARKS', r['source'], repr(q)); bad += 1
    print(name, len(rows), 'rows')
print('problems:', bad)
sys.exit(1 if bad else 0)
