"""Check the held-out news corpus: every spelling/words string must occur
verbatim in its article, fields must use the agreed vocabularies; print totals."""

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROLES = {"official", "lawyer", "relative", "rights_group", "still_held", "other"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "vague"}
METRICS = {"released", "still_held", "other"}
KNOWN_PEOPLE = {
    "Enrique Márquez",
    "Rocío San Miguel",
    "Biagio Pilieri",
    "Jorge Rodríguez",
    "Delcy Rodríguez",
    "María Corina Machado",
}
KNOWN_FACILITIES = {"El Helicoide", "El Rodeo"}
KNOWN_NATIONALITIES = {"ES", "US", "VE"}
NAME_RE = re.compile(r"^(\d\d)-(es|en|pt|de)-[a-z0-9-]+$")


def main() -> int:
    errors: list[str] = []
    tot = Counter()
    langs = Counter()
    for ypath in sorted(HERE.glob("*.yaml")):
        stem = ypath.stem
        m = NAME_RE.match(stem)
        if not m:
            errors.append(f"{stem}: bad file name")
            continue
        tpath = ypath.with_suffix(".txt")
        if not tpath.exists():
            errors.append(f"{stem}: missing .txt")
            continue
        text = tpath.read_text(encoding="utf-8")
        lines = text.split("\n")
        if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
            errors.append(f"{stem}: expected title line, blank line, body")
        words = len(" ".join(lines[2:]).split())
        if not 150 <= words <= 350:
            errors.append(f"{stem}: body has {words} words (want 150-350)")
        data = yaml.safe_load(ypath.read_text(encoding="utf-8")) or {}
        lang = data.get("language")
        if lang != m.group(2):
            errors.append(f"{stem}: language {lang!r} does not match file name")
        langs[lang] += 1

        def need(s, where, stem=stem, text=text):
            if not isinstance(s, str) or not s:
                errors.append(f"{stem}: {where}: empty or non-string {s!r}")
            elif s not in text:
                errors.append(f"{stem}: {where}: {s!r} not in text")

        for p in data.get("freed") or []:
            for s in p.get("spellings") or []:
                need(s, f"freed {p.get('name')}")
            if not p.get("spellings"):
                errors.append(f"{stem}: freed {p.get('name')}: no spellings")
            if bool(p.get("known")) != (p.get("name") in KNOWN_PEOPLE):
                errors.append(f"{stem}: freed {p.get('name')}: known flag wrong")
            nat = p.get("nationality")
            if nat is not None and not re.fullmatch(r"[A-Z]{2}", str(nat)):
                errors.append(f"{stem}: freed {p.get('name')}: bad nationality {nat!r}")
            tot["freed"] += 1
            tot["freed_not_known"] += not p.get("known")
        for p in data.get("not_freed") or []:
            for s in p.get("spellings") or []:
                need(s, f"not_freed {p.get('name')}")
            if not p.get("spellings"):
                errors.append(f"{stem}: not_freed {p.get('name')}: no spellings")
            if p.get("role") not in ROLES:
                errors.append(f"{stem}: not_freed {p.get('name')}: bad role {p.get('role')!r}")
            tot["not_freed"] += 1
        for f in data.get("facilities") or []:
            for s in f.get("spellings") or []:
                need(s, f"facility {f.get('name')}")
            if bool(f.get("known")) != (f.get("name") in KNOWN_FACILITIES):
                errors.append(f"{stem}: facility {f.get('name')}: known flag wrong")
            tot["facilities"] += 1
        for n in data.get("nationalities") or []:
            for s in n.get("spellings") or []:
                need(s, f"nationality {n.get('code')}")
            if bool(n.get("known")) != (n.get("code") in KNOWN_NATIONALITIES):
                errors.append(f"{stem}: nationality {n.get('code')}: known flag wrong")
            tot["nationalities"] += 1
        for c in data.get("counts") or []:
            need(c.get("words"), "count")
            v, q = c.get("value"), c.get("qualifier")
            if q not in QUALIFIERS:
                errors.append(f"{stem}: count {c.get('words')!r}: bad qualifier {q!r}")
            if (v is None) != (q == "vague"):
                errors.append(f"{stem}: count {c.get('words')!r}: value/qualifier mismatch")
            if c.get("metric") not in METRICS:
                errors.append(f"{stem}: count {c.get('words')!r}: bad metric")
            if not c.get("claimant"):
                errors.append(f"{stem}: count {c.get('words')!r}: no claimant")
            tot["counts"] += 1
        tot["articles"] += 1

    for e in errors:
        print("ERROR", e)
    print("articles:", tot["articles"], dict(sorted(langs.items())))
    for k in ("freed", "freed_not_known", "not_freed", "facilities", "nationalities", "counts"):
        print(f"{k}: {tot[k]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
