"""Write the hostile-input corpus: each case is the base fixture with one hostile change.

    python tests/hostile/corpus.py OUT    writes every case as OUT/<class>/<name>/ (a whole
                                          decision_trees folder) with expect.json beside it

Each case names its class, the files it changes and what `check` must say: a list of
(file, line, words) it must report, or `passes` for ordinary text that must be accepted and
shown. To grow the corpus, add a payload, a field or a class below; the lines to expect are
found in the written YAML, so the cases follow the base fixture as it changes.
"""
from __future__ import annotations

import copy
import functools
import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "base"
COUNCIL = "testshire"
SECTION = f"{COUNCIL}/01-complaints.yaml"
COUNCIL_FILE = f"{COUNCIL}/council.yaml"
BANK = "questions/complaints.yaml"
MARK = "ZQXMARK"

# Payloads that must be refused in any text field, with the words check's message holds.
INJECTIONS = {
    "script-tag": ("<script>alert(1)</script>", "holds HTML"),
    "img-onerror": ("<img src=x onerror=alert(1)>", "holds HTML"),
    "svg-onload": ("<svg/onload=alert(1)>", "holds HTML"),
    "closing-tag": ("</title><script>alert(1)</script>", "holds HTML"),
    "iframe-off-site": ("<iframe src=//evil.example/>", "holds HTML"),
    "html-comment": ("<!-- hidden -->", "holds HTML"),
    "autolink-js": ("<javascript:alert(1)>", "holds HTML"),
    "md-link-js": ("[click](javascript:alert(1))", "could run code"),
    "md-link-js-mixed-case": ("[click](JaVaScRiPt:alert(1))", "could run code"),
    "md-link-js-entity": ("[click](javascript&#58;alert(1))", "could run code"),
    "md-link-js-tab": ("[click](java\tscript:alert(1))", "could run code"),
    "md-link-vbscript": ("[click](vbscript:msgbox(1))", "could run code"),
    "md-link-data": ("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                     "could run code"),
    "md-image-off-site": ("![logo](https://evil.example/pixel.png)", "from another site"),
    "md-image-protocol-relative": ("![logo](//evil.example/pixel.png)", "from another site"),
    "md-image-js": ("![x](javascript:alert(1))", "could run code"),
}
# Ordinary characters that must be accepted, built and shown as typed.
ORDINARY = ['"', "\\", "&", "|", "=", "'", "{{ x }}", "{% raw %}", "*", "#", "100%"]


@dataclass
class Case:
    cls: str
    name: str
    files: dict[str, bytes | None] = field(default_factory=dict)   # None deletes the file
    expect: list[tuple[str, int, str]] = field(default_factory=list)
    passes: list[str] = field(default_factory=list)   # texts a build must show
    only: int | None = None   # exactly this many problems (follow-on suppression)
    absent: list[str] = field(default_factory=list)   # words no problem may contain


def base_data(rel: str):
    """The file's data with every scalar a string, as the guide reads it ('yes' stays 'yes'):
    a fresh copy each call (cases change it), parsed once."""
    return copy.deepcopy(_parsed(rel))


@functools.cache
def _parsed(rel: str):
    return yaml.load((BASE / rel).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)


def line_with(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the written YAML")


def wizard(data):
    return data["wizards"][0]


def first(mapping) -> str:
    return next(iter(mapping))


# Text fields of the base fixture: (file, how to reach the block, key).
FIELDS = {
    "council-name": (COUNCIL_FILE, lambda d: d, "name"),
    "council-kind": (COUNCIL_FILE, lambda d: d, "kind"),
    "document-title": (COUNCIL_FILE, lambda d: d["document"], "title"),
    "role-name": (COUNCIL_FILE, lambda d: d["roles"], None),
    "section-title": (SECTION, lambda d: d, "title"),
    "paragraph-summary": (SECTION, lambda d: d["paragraphs"][0], "summary"),
    "paragraph-heading": (SECTION, lambda d: d["paragraphs"][0], "heading"),
    "wizard-title": (SECTION, lambda d: wizard(d), "title"),
    "wizard-intro": (SECTION, lambda d: wizard(d), "intro"),
    "outcome-answer": (SECTION, lambda d: wizard(d)["outcomes"][first(wizard(d)["outcomes"])], "answer"),
    "outcome-next-step": (SECTION, lambda d: wizard(d)["outcomes"][first(wizard(d)["outcomes"])],
                          "next_steps"),
    "bank-title": (BANK, lambda d: d, "title"),
    "question-text": (BANK, lambda d: d["questions"][0], "text"),
    "answer-label": (BANK, lambda d: d["questions"][0]["answers"][0], "label"),
    "tag-label": ("tags.yaml", lambda d: d["tags"][0], "label"),
}


def with_value(rel: str, reach, key, value) -> str:
    """The file with one field set to value (a role's name when key is None)."""
    data = base_data(rel)
    block = reach(data)
    key = key or first(block)
    block[key] = [value] if key == "next_steps" else value
    return dump(data)


def injection_cases() -> list[Case]:
    cases = []
    for field_name, (rel, reach, key) in FIELDS.items():
        for payload_name, (payload, words) in INJECTIONS.items():
            text = with_value(rel, reach, key, f"{MARK} {payload}")
            cases.append(Case("injection", f"{field_name}--{payload_name}",
                              {rel: text.encode()}, [(rel, line_with(text, MARK), words)]))
    return cases


def control_cases() -> list[Case]:
    cases = []
    for name, char in {"nul": "\x00", "bel": "\x07", "escape": "\x1b", "backspace": "\x08",
                       "delete": "\x7f", "c1-csi": "\x9b", "u-fffe": "\ufffe",
                       "u-ffff": "\uffff"}.items():
        for field_name in ("paragraph-summary", "council-name", "question-text"):
            rel, reach, key = FIELDS[field_name]
            text = with_value(rel, reach, key, f"{MARK} here")
            line = line_with(text, MARK)
            cases.append(Case("control-character", f"{name}-in-{field_name}",
                              {rel: text.replace(MARK, f"a{char}b").encode()},
                              [(rel, line, f"U+{ord(char):04X}")]))
    text = with_value(SECTION, *FIELDS["paragraph-summary"][1:], f"{MARK} here")
    line = line_with(text, MARK)
    for name, raw in {"latin-1": b"caf\xe9", "lone-continuation": b"\x80x",
                      "truncated-sequence": b"\xe2\x82"}.items():
        cases.append(Case("not-utf-8", name,
                          {SECTION: text.encode().replace(MARK.encode(), raw)},
                          [(SECTION, line, "not UTF-8")]))
    return cases


def structure_cases() -> list[Case]:
    deep_flow = "a: " + "[" * 500 + "]" * 500 + "\n"
    deep_block = "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: x\n"
    laughs = "lol: &a [\"lol\"]\n" + "".join(
        f"l{i}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9))
    sec = (BASE / SECTION).read_text()
    cases = [
        Case("nesting", "flow-500-deep", {SECTION: deep_flow.encode()}, [(SECTION, 1, "nested")]),
        Case("nesting", "block-60-deep", {SECTION: deep_block.encode()}, [(SECTION, 21, "nested")]),
        Case("alias", "billion-laughs", {SECTION: laughs.encode()}, [(SECTION, 1, "anchor")]),
        Case("alias", "self-reference", {SECTION: b"a: &x [*x]\n"}, [(SECTION, 1, "anchor")]),
        Case("alias", "merge-key", {SECTION: sec.replace("title: Complaints",
             "title: &t Complaints\nintro: *t").encode()}, [(SECTION, 2, "anchor")]),
        Case("tag", "include", {SECTION: sec.replace("title: Complaints",
             "title: !include other.yaml").encode()}, [(SECTION, 2, "'!include'")]),
        Case("tag", "python-object", {SECTION: sec.replace(
            "title: Complaints", "title: !!python/object/apply:os.system [echo hi]").encode()},
             [(SECTION, 2, "is not supported")]),
        Case("documents", "two-documents", {SECTION: (sec + "---\nsection: '2'\n").encode()},
             [(SECTION, len(sec.splitlines()) + 1, "more than one YAML document")]),
        Case("huge", "two-megabytes", {SECTION: (sec + ("# padding " * 100 + "\n") * 2100).encode()},
             [(SECTION, 1, "the limit is 1 MB")]),
        Case("tab", "tab-starting-a-continuation-line",
             {SECTION: sec.replace("summary: Complain to the Head of Service.",
                                   "summary: Complain to the\n\tHead of Service.").encode()},
             [(SECTION, line_with(sec, "summary: Complain to the Head of Service.") + 1,
               "tab character")]),
    ]
    return cases


def empty_document_cases() -> list[Case]:
    cases = []
    wizard_file = f"{COUNCIL}/wizards/extra.yaml"
    for where, rel in {"council": COUNCIL_FILE, "section": SECTION, "bank": BANK,
                       "tags": "tags.yaml", "wizard-file": wizard_file}.items():
        for name, content in {"empty": "", "comment-only": "# nothing yet\n", "tilde": "~\n",
                              "null": "null\n", "dashes": "---\n", "dashes-tilde": "--- ~\n",
                              "end-marker": "...\n"}.items():
            # libyaml calls a lone '...' a syntax error, PyYAML's own parser an empty file
            words = "" if name == "end-marker" else "empty"
            cases.append(Case("empty-document", f"{where}-{name}", {rel: content.encode()},
                              [(rel, 1, words)]))
    return cases


# Required keys whose empty value must be refused: (name, file, reach, key).
REQUIRED = [
    ("wizard-start", SECTION, lambda d: wizard(d), "start"),
    ("wizard-title", SECTION, lambda d: wizard(d), "title"),
    ("wizard-id", SECTION, lambda d: wizard(d), "id"),
    ("wizard-steps", SECTION, lambda d: wizard(d), "steps"),
    ("wizard-outcomes", SECTION, lambda d: wizard(d), "outcomes"),
    ("step-ask", SECTION, lambda d: wizard(d)["steps"][first(wizard(d)["steps"])], "ask"),
    ("step-routes", SECTION, lambda d: wizard(d)["steps"][first(wizard(d)["steps"])], "routes"),
    ("outcome-verdict", SECTION, lambda d: wizard(d)["outcomes"][first(wizard(d)["outcomes"])], "verdict"),
    ("outcome-answer", SECTION, lambda d: wizard(d)["outcomes"][first(wizard(d)["outcomes"])], "answer"),
    ("paragraph-id", SECTION, lambda d: d["paragraphs"][0], "id"),
    ("paragraph-summary", SECTION, lambda d: d["paragraphs"][0], "summary"),
    ("section-title", SECTION, lambda d: d, "title"),
    ("council-name", COUNCIL_FILE, lambda d: d, "name"),
    ("question-text", BANK, lambda d: d["questions"][0], "text"),
    ("answer-label", BANK, lambda d: d["questions"][0]["answers"][0], "label"),
    ("tag-id", "tags.yaml", lambda d: d["tags"][0], "id"),
]


def empty_value_cases() -> list[Case]:
    cases = []
    for name, rel, reach, key in REQUIRED:
        data = base_data(rel)
        reach(data)[key] = MARK
        text = dump(data)
        line = line_with(text, MARK)
        for style, blank in {"bare": "", "tilde": " ~", "null": " null", "quoted": " ''"}.items():
            written = text.replace(f" {MARK}", blank)
            cases.append(Case("empty-required-value", f"{name}-{style}", {rel: written.encode()},
                              [(rel, line, f"'{key}' in")]))
    return cases


def _renamed(mapping: dict, old: str, new: str) -> dict:
    return {new if k == old else k: v for k, v in mapping.items()}


BAD_NAMES = {"quote": 'a"b', "ampersand": "a&b", "equals": "a=b", "space": "a b",
             "capitals": "Officer", "slash": "a/b", "dot-dot": "..", "angle": "a<b",
             "unicode": "caf\u00e9", "hash": "a#b", "pipe": "a|b", "trailing-hyphen": "a-",
             "double-hyphen": "a--b", "backslash": "a\\b", "question-mark": "a?b"}


def id_cases() -> list[Case]:
    cases = []
    for name, bad in BAD_NAMES.items():
        for kind in ("wizard", "question", "answer", "outcome", "step", "paragraph", "tag", "role"):
            rel, text = _with_id(kind, MARK)
            line = line_with(text, MARK)
            written = text.replace(MARK, yaml.safe_dump(bad, default_style='"').strip())
            cases.append(Case("bad-id", f"{kind}-{name}", {rel: written.encode()},
                              [(rel, line, "not a valid name")]))
    for kind, name in [("question", "v"), ("outcome", "start"), ("step", "start"),
                       ("outcome", "id"), ("wizard", "index")]:
        rel, text = _with_id(kind, MARK)
        cases.append(Case("reserved-id", f"{kind}-{name}", {rel: text.replace(MARK, name).encode()},
                          [(rel, line_with(text, MARK), "keeps for itself")]))
    sec = (BASE / SECTION).read_bytes()
    council = (BASE / COUNCIL_FILE).read_bytes()
    for name in ("ask", "index", "wizards", "assets"):
        rel = f"{COUNCIL}/{name}.yaml"
        cases.append(Case("reserved-id", f"section-file-{name}", {SECTION: None, rel: sec},
                          [(rel, 1, "keeps for itself")]))
    for name in ("glossary", "compare", "assets", "search", "about", "index"):
        cases.append(Case("reserved-id", f"council-folder-{name}",
                          {f"{name}/council.yaml": council, f"{name}/01-complaints.yaml": sec},
                          [(f"{name}/council.yaml", 1, "keeps for itself")]))
    for name, folder in {"capitals": "Testshire2", "space": "test shire"}.items():
        cases.append(Case("bad-id", f"council-folder-{name}",
                          {f"{folder}/council.yaml": council, f"{folder}/01-complaints.yaml": sec},
                          [(f"{folder}/council.yaml", 1, "not a valid name")]))
    cases.append(Case("bad-id", "section-file-capitals", {SECTION: None, f"{COUNCIL}/Complaints.yaml": sec},
                      [(f"{COUNCIL}/Complaints.yaml", 1, "not a valid name")]))
    paragraph_ok = ["3.2.10", "16(a)", "6.2-use-of-information", "11.3(ii)"]
    data = base_data(SECTION)
    for paragraph, new in zip(data["paragraphs"], paragraph_ok):
        wiz = wizard(data)
        for outcome in wiz["outcomes"].values():
            outcome["cite"] = [new if c == paragraph["id"] else c for c in outcome["cite"]]
        paragraph["id"] = new
    cases.append(Case("good-id", "paragraph-numbers-with-dots-and-brackets",
                      {SECTION: dump(data).encode()}, passes=paragraph_ok[:len(data["paragraphs"])]))
    return cases


def _with_id(kind: str, new: str) -> tuple[str, str]:
    """The file, written with the first id of this kind renamed to new."""
    if kind in ("question", "answer"):
        data = base_data(BANK)
        target = data["questions"][0] if kind == "question" else data["questions"][0]["answers"][0]
        target["id"] = new
        return BANK, dump(data)
    if kind == "tag":
        data = base_data("tags.yaml")
        data["tags"][0]["id"] = new
        return "tags.yaml", dump(data)
    if kind == "role":
        data = base_data(COUNCIL_FILE)
        data["roles"] = _renamed(data["roles"], first(data["roles"]), new)
        return COUNCIL_FILE, dump(data)
    data = base_data(SECTION)
    wiz = wizard(data)
    if kind == "wizard":
        wiz["id"] = new
    elif kind == "paragraph":
        data["paragraphs"][0]["id"] = new
    elif kind in ("outcome", "step"):
        key = "outcomes" if kind == "outcome" else "steps"
        wiz[key] = _renamed(wiz[key], first(wiz[key]), new)
    return SECTION, dump(data)


def follow_on_cases() -> list[Case]:
    sec = (BASE / SECTION).read_text()
    broken = sec.replace("title: Complaints", "title: Complaints: and more")
    cases = [
        Case("follow-on", "missing-tags-file", {"tags.yaml": None},
             [("tags.yaml", 1, "tag list is missing")], only=1),
        Case("follow-on", "missing-question-bank", {BANK: None},
             [("questions", 1, "question bank is missing")], only=1),
        Case("follow-on", "syntax-error-in-section", {SECTION: broken.encode()},
             [(SECTION, 2, "YAML syntax error")], only=1),
        Case("follow-on", "empty-tag-list", {"tags.yaml": b"tags: []\n"},
             [("tags.yaml", 1, "has no tags")], only=1),
        Case("layout", "yml-file", {f"{COUNCIL}/02-more.yml": b"section: '2'\n"},
             [(f"{COUNCIL}/02-more.yml", 1, "ending in '.yaml'")]),
        Case("layout", "council-without-sections", {SECTION: None},
             [(COUNCIL_FILE, 1, "has no sections")]),
    ]
    glossary = {"terms": [{"term": "Head of Service", "role": "head-of-servce",
                           "meaning": "The manager of one service.", "marks": ["Head of Service"]}]}
    text = dump(glossary)
    cases.append(Case("glossary", "role-typo", {"glossary.yaml": text.encode()},
                      [("glossary.yaml", line_with(text, "head-of-servce"), "not a role of any council")]))
    glossary["terms"][0].update(role=first(base_data(COUNCIL_FILE)["roles"]), marks=["Head of Service", ""])
    text = dump(glossary)
    cases.append(Case("glossary", "empty-mark", {"glossary.yaml": text.encode()},
                      [("glossary.yaml", line_with(text, "- ''"), "is empty")]))
    return cases


def ordinary_cases() -> list[Case]:
    """One case: every ordinary character in several fields; check passes and pages show them."""
    files: dict[str, str] = {}
    shown = []
    for number, field_name in enumerate(("council-name", "wizard-title", "outcome-answer",
                                          "answer-label", "paragraph-summary", "role-name")):
        rel, reach, key = FIELDS[field_name]
        data = yaml.load(files[rel], Loader=yaml.BaseLoader) if rel in files else base_data(rel)
        text = f"Text {number} with " + " ".join(ORDINARY) + " end"
        block = reach(data)
        block[key or first(block)] = text
        files[rel] = dump(data)
        shown.append(text)
    return [Case("ordinary-characters", "quotes-backslash-ampersand-pipe",
                 {rel: text.encode() for rel, text in files.items()}, passes=shown)]


def all_cases() -> list[Case]:
    return (injection_cases() + control_cases() + structure_cases() + empty_document_cases()
            + empty_value_cases() + id_cases() + follow_on_cases() + ordinary_cases())


def write_case(case: Case, trees: Path) -> Path:
    """The base fixture with the case's files laid over it, at trees (a decision_trees folder)."""
    shutil.copytree(BASE, trees)
    for rel, content in case.files.items():
        target = trees / rel
        if content is None:
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return trees


def main(out: str) -> int:
    root = Path(out)
    for case in all_cases():
        folder = root / case.cls / case.name
        shutil.rmtree(folder, ignore_errors=True)
        write_case(case, folder / "decision_trees")
        (folder / "expect.json").write_text(json.dumps(
            {"expect": case.expect, "passes": case.passes, "only": case.only}, indent=1))
    print(f"{len(all_cases())} cases written to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"))
