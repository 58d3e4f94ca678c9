#!/usr/bin/env python3
"""Check the hand-labelled news corpus in this folder.

Loads every NN-lang-slug.txt / .yaml pair, validates the label keys and values, checks
that every spelling / facility / count wording occurs verbatim in the text, prints the
totals per language and exits non-zero on any problem or if the targets are not met.
Standalone: needs only PyYAML.
"""

import datetime
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ("es", "en", "pt", "de")
KINDS = {"wire", "list", "feature", "brief"}
ROLES = {"official", "lawyer", "relative", "rights_group", "still_held", "other"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to", "vague"}
METRICS = {"released", "still_held", "detained", "other"}
# People and facilities already in fixtures/curated.yaml (frozen copy of the ids).
KNOWN_PEOPLE = {
    "enrique-marquez",
    "rocio-san-miguel",
    "alfredo-diaz",
    "biagio-pilieri",
    "ramon-guanipa",
    "jorge-rodriguez",
    "delcy-rodriguez",
    "donald-trump",
    "anna-kelly",
    "maria-corina-machado",
}
KNOWN_FACILITIES = {"el-helicoide", "el-rodeo"}
KNOWN_COUNTRIES = {"ES", "US", "VE"}
TOP_KEYS = {
    "language",
    "outlet",
    "published",
    "kind",
    "freed",
    "not_freed",
    "facilities",
    "nationalities",
    "countries_named",
    "counts",
}
FREED_KEYS = {"name", "spellings", "known", "nationality", "facility"}
NOT_FREED_KEYS = {"name", "spellings", "role", "known"}
FACILITY_KEYS = {"name", "spellings", "known"}
NAT_KEYS = {"code", "spellings", "known"}
COUNT_KEYS = {"words", "value", "qualifier", "metric", "subject", "claimant", "as_of"}
STEM = re.compile(r"^(\d\d)-(es|en|pt|de)-[a-z0-9-]+$")
CODE = re.compile(r"^[A-Z]{2}$")
TARGETS = [  # (total key, minimum, description)
    ("freed", 80, "freed persons"),
    ("freed_new", 60, "freed persons not already known"),
    ("not_freed", 50, "not-freed persons"),
    ("facility_mentions", 30, "facility mentions"),
    ("facilities_new_distinct", 8, "distinct facilities not known"),
    ("nationality_mentions", 25, "nationality mentions"),
    ("nationality_new", 8, "nationality mentions not known"),
    ("counts", 50, "counts"),
]

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def check_keys(where, item, keys):
    if not isinstance(item, dict):
        problem(where, f"expected a mapping, got {type(item).__name__}")
        return False
    missing, extra = keys - item.keys(), item.keys() - keys
    if missing:
        problem(where, f"missing keys {sorted(missing)}")
    if extra:
        problem(where, f"unexpected keys {sorted(extra)}")
    return not missing


def check_in_text(where, strings, text, what="spelling"):
    if not isinstance(strings, list) or not strings:
        problem(where, f"{what}s must be a non-empty list")
        return
    for s in strings:
        if not isinstance(s, str) or not s.strip():
            problem(where, f"bad {what} {s!r}")
        elif s not in text:
            problem(where, f"{what} {s!r} not found in text")


def check_codes(where, codes):
    for c in as_list(codes):
        if not isinstance(c, str) or not CODE.match(c):
            problem(where, f"bad country code {c!r}")


def check_pair(stem, txt_path, yaml_path, totals):
    where = stem
    m = STEM.match(stem)
    if not m:
        problem(where, "file name must look like NN-lang-slug")
        return
    lang = m.group(2)
    raw = txt_path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
        problem(where, "text must be a title line, a blank line, then the body")
    words = len("\n".join(lines[2:]).split())
    if not 150 <= words <= 450:
        problem(where, f"body has {words} words (expected 150-450)")
    text = raw
    try:
        data = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problem(where, f"YAML error: {exc}")
        return
    if not check_keys(where, data, TOP_KEYS):
        return
    if data["language"] != lang:
        problem(where, f"language {data['language']!r} does not match file name ({lang})")
    if not isinstance(data["outlet"], str) or not data["outlet"].strip():
        problem(where, "outlet must be a non-empty string")
    if not isinstance(data["published"], datetime.date):
        problem(where, f"published must be a date, got {data['published']!r}")
    if data["kind"] not in KINDS:
        problem(where, f"kind {data['kind']!r} not in {sorted(KINDS)}")
    for key in ("freed", "not_freed", "facilities", "nationalities", "counts"):
        if not isinstance(data[key], list):
            problem(where, f"{key} must be a list")
            data[key] = []
    if not isinstance(data["countries_named"], list):
        problem(where, "countries_named must be a list")
        data["countries_named"] = []
    check_codes(f"{where} countries_named", data["countries_named"])
    named = set(data["countries_named"])

    t = totals[lang]
    t["articles"] += 1
    nat_codes = set()
    for i, n in enumerate(data["nationalities"]):
        w = f"{where} nationalities[{i}]"
        if not check_keys(w, n, NAT_KEYS):
            continue
        check_codes(w, n["code"])
        check_in_text(w, n["spellings"], text)
        if n["known"] is not (n["code"] in KNOWN_COUNTRIES):
            problem(w, f"known must be {n['code'] in KNOWN_COUNTRIES} for {n['code']}")
        if n["code"] in nat_codes:
            problem(w, f"duplicate nationality {n['code']}")
        if n["code"] not in named:
            problem(w, f"{n['code']} missing from countries_named")
        nat_codes.add(n["code"])
        t["nationality_mentions"] += 1
        if not n["known"]:
            t["nationality_new"] += 1

    fac_names = set()
    for i, f in enumerate(data["facilities"]):
        w = f"{where} facilities[{i}]"
        if not check_keys(w, f, FACILITY_KEYS):
            continue
        check_in_text(w, f["spellings"], text)
        if f["known"] is not None and f["known"] not in KNOWN_FACILITIES:
            problem(w, f"unknown facility slug {f['known']!r}")
        if f["name"] in fac_names:
            problem(w, f"duplicate facility {f['name']!r}")
        fac_names.add(f["name"])
        t["facility_mentions"] += 1
        if f["known"] is None:
            totals["_new_facilities"].add(f["name"])

    people = set()
    for i, p in enumerate(data["freed"]):
        w = f"{where} freed[{i}]"
        if not check_keys(w, p, FREED_KEYS):
            continue
        check_in_text(w, p["spellings"], text)
        if p["known"] is not None and p["known"] not in KNOWN_PEOPLE:
            problem(w, f"unknown person slug {p['known']!r}")
        check_codes(w, p["nationality"])
        for c in as_list(p["nationality"]):
            if c not in nat_codes:
                problem(w, f"nationality {c} not listed under nationalities")
        for fac in as_list(p["facility"]):
            if not isinstance(fac, str) or fac not in text:
                problem(w, f"facility {fac!r} not found in text")
        if p["name"] in people:
            problem(w, f"duplicate person {p['name']!r}")
        people.add(p["name"])
        t["freed"] += 1
        t["freed_known" if p["known"] else "freed_new"] += 1

    for i, p in enumerate(data["not_freed"]):
        w = f"{where} not_freed[{i}]"
        if not check_keys(w, p, NOT_FREED_KEYS):
            continue
        check_in_text(w, p["spellings"], text)
        if p["role"] not in ROLES:
            problem(w, f"role {p['role']!r} not in {sorted(ROLES)}")
        if p["known"] is not None and p["known"] not in KNOWN_PEOPLE:
            problem(w, f"unknown person slug {p['known']!r}")
        if p["name"] in people:
            problem(w, f"{p['name']!r} listed twice (freed and not_freed?)")
        people.add(p["name"])
        t["not_freed"] += 1

    for i, c in enumerate(data["counts"]):
        w = f"{where} counts[{i}]"
        if not check_keys(w, c, COUNT_KEYS):
            continue
        if not isinstance(c["words"], str) or c["words"] not in text:
            problem(w, f"words {c['words']!r} not found in text")
        if c["qualifier"] not in QUALIFIERS:
            problem(w, f"qualifier {c['qualifier']!r} not in {sorted(QUALIFIERS)}")
        if c["metric"] not in METRICS:
            problem(w, f"metric {c['metric']!r} not in {sorted(METRICS)}")
        if c["value"] is None:
            if c["qualifier"] != "vague":
                problem(w, "value may be null only when qualifier is vague")
        elif isinstance(c["value"], bool) or not isinstance(c["value"], int) or c["value"] < 0:
            problem(w, f"value must be a non-negative integer, got {c['value']!r}")
        for key in ("subject", "claimant"):
            if not isinstance(c[key], str) or not c[key].strip():
                problem(w, f"{key} must be a non-empty string")
        if c["as_of"] is not None and not isinstance(c["as_of"], datetime.date):
            problem(w, f"as_of must be null or a date, got {c['as_of']!r}")
        t["counts"] += 1


def main():
    totals = defaultdict(lambda: defaultdict(int))
    totals["_new_facilities"] = set()
    stems = {p.stem for p in HERE.glob("*.txt")} | {p.stem for p in HERE.glob("*.yaml")}
    for stem in sorted(stems):
        txt, yml = HERE / f"{stem}.txt", HERE / f"{stem}.yaml"
        if not txt.exists() or not yml.exists():
            problem(stem, "needs both a .txt and a .yaml file")
            continue
        check_pair(stem, txt, yml, totals)

    new_facilities = totals.pop("_new_facilities")
    cols = [
        "articles",
        "freed",
        "freed_known",
        "freed_new",
        "not_freed",
        "facility_mentions",
        "nationality_mentions",
        "nationality_new",
        "counts",
    ]
    overall = defaultdict(int)
    for lang in LANGS:
        for c in cols:
            overall[c] += totals[lang][c]
    width = max(len(c) for c in cols) + 2
    print(f"{'':<{width}}" + "".join(f"{lang:>6}" for lang in LANGS) + f"{'all':>6}")
    for c in cols:
        print(
            f"{c:<{width}}"
            + "".join(f"{totals[lang][c]:>6}" for lang in LANGS)
            + f"{overall[c]:>6}"
        )
    overall["facilities_new_distinct"] = len(new_facilities)
    names = ", ".join(sorted(new_facilities))
    print(f"distinct facilities not known: {len(new_facilities)} ({names})")

    for key, minimum, desc in TARGETS:
        if overall[key] < minimum:
            problems.append(f"corpus: {overall[key]} {desc}, target is at least {minimum}")

    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
