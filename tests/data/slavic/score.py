#!/usr/bin/env python3
"""Score quotelink's CSV output against the Russian and Ukrainian gold, speakers and dates included.

    ./target/debug/quotelink extract tests/data/slavic/articles --date 2026-02-10 -o /tmp/slavic.csv
    python3 tests/data/slavic/score.py /tmp/slavic.csv

The varied sets' scorer (tests/data/varied/score.py, whose header gives the
matching rules) run on this folder's gold with words kept in any script
(Cyrillic letters are not folded away; ё counts as е, ' and ’ are dropped)
and the document dates (and the `lang` column, when present) checked
against gold_dates.csv. Other options pass through (`--no-extra`, the bars).
Standard library only.
"""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCORER = os.path.join(HERE, '..', 'varied', 'score.py')
# this set's files first: options given on the command line come later and win
sys.argv = [SCORER, '--any-script',
            '--gold-direct', os.path.join(HERE, 'gold_direct.csv'),
            '--gold-claims', os.path.join(HERE, 'gold_claims.csv'),
            '--gold-dates', os.path.join(HERE, 'gold_dates.csv')] + sys.argv[1:]
runpy.run_path(SCORER, run_name='__main__')
