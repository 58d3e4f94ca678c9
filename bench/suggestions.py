"""Benchmark: how well citation suggestions do on the labelled corpus.

Run:  .venv/bin/python bench/suggestions.py [--frozen FOLDER]
It builds a throw-away SQLite database (or uses DATABASE_URL if set — use a scratch
database), loads tests/releases/suggestion_corpus (our own short articles in English,
Spanish and German, with labels), ingests each article and prints precision and recall
for known entities (overall and per language), nationalities beside names, and new names,
then every mistake and miss.

That corpus was written beside the rules, so it proves little on its own. The score that
counts is on a corpus frozen before the rules were built (default: the newest blind one,
bench/news_blind7), printed after it by news_scoring.py in a process of its own, so that
neither corpus's articles become known names for the other.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from scratch import scratch_django

FROZEN = Path(__file__).resolve().parent / "news_blind7"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frozen", type=Path, default=FROZEN, help=f"default: {FROZEN.name}")
    frozen = parser.parse_args().frozen
    # The environment as given: scratch_django points this process at its own scratch
    # database, which the frozen corpus's run must not share.
    environment = dict(os.environ)
    scratch_django()
    from tests.releases.suggestion_corpus import evaluate

    began = time.perf_counter()
    scores = evaluate()
    elapsed = time.perf_counter() - began

    rows = [
        ("known entities", scores.known),
        *((f"  known, {lang}", s) for lang, s in sorted(scores.by_language.items())),
        ("nationality beside a name", scores.citizenships),
        ("new names (precision: any new person; recall: the freed)", scores.new_people),
    ]
    print(f"{scores.articles} articles, {elapsed:.2f} s in all")
    print(f"{'':58} {'right':>5} {'wrong':>5} {'prec.':>6} {'found':>5} {'label':>5} {'recall':>6}")
    for label, s in rows:
        print(
            f"{label:58} {s.right:5} {s.wrong:5} {s.precision:6.1%} "
            f"{s.found:5} {s.labelled:5} {s.recall:6.1%}"
        )
    for label, s in rows:
        if label.startswith("  "):
            continue
        for item in s.mistakes:
            print(f"wrong  ({label}): {item}")
        for item in s.misses:
            print(f"missed ({label}): {item}")

    print(f"\nFrozen before the rules were built: {frozen}")
    sys.stdout.flush()
    scoring = Path(__file__).resolve().parent / "news_scoring.py"
    subprocess.run([sys.executable, str(scoring), str(frozen)], check=True, env=environment)


if __name__ == "__main__":
    main()
