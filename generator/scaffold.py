"""protocol-guide new-council SLUG --name NAME: a new council's folder, ready for `import`.

It writes council.yaml (every key explained in a comment) and one skeleton question page per
shared topic, in which every answer starts as "the protocol does not say" and points to the
council's adviser. The author then changes each answer the protocol does cover. `import`
fills in the section and paragraph the skeletons cite (the placeholders below).
"""
from __future__ import annotations

import json
from pathlib import Path

from .names import name_problem
from .problems import Problems
from .yamlsource import load_yaml

FIRST_SECTION = "FIRST-SECTION"      # replaced by `import` with the first section's id
FIRST_PARAGRAPH = "FIRST-PARAGRAPH"  # ... and with the first paragraph's id


class ScaffoldError(Exception):
    """A bad slug or an existing folder: one line saying what to do."""


def q(text: str) -> str:
    """A YAML scalar that stays text whatever it holds (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


COUNCIL_YAML = """\
# {name}: how the guide describes this council and its protocol.
# Every key is explained above it; change each value to what the protocol says.
# The council's name as the protocol gives it.
name: {q_name}
# false if the document never names the council (the guide then says so, never guesses).
named_in_source: true
# Where the protocol's plain text is (from this folder), how it is numbered (dotted: 1.1, 2.2.1;
# numbered: 1, 2, 16(a); unnumbered: headed blocks and bullets), and the list of its paragraph
# ids. protocol-guide import fills these in; check --source compares your words with the text.
# source: source.txt
# numbering: dotted
# expected_ids: expected-ids.txt
# The bodies the protocol shows the council has (generator/model.py BODIES): cabinet, committees,
# scrutiny, statutory-officers, town-clerk, political-groups. The shared questions offer an option
# that needs one only where it is listed here; add each with a comment naming the paragraph.
has: []
# What kind of council it is, in a few words: "County council with a Leader and Cabinet".
kind: {q_kind}
document:
  # The document's title as printed; if it is twelve words or more, quote it whole:
  # title: "“...”" (the guide shows it as a quotation).
  title: {q_title}
  # Where it sits in the constitution ("Part 5, Section 3"), or "not given".
  reference: not given
  # version: "2"
  # adopted: "12 May 2025"
  # url: https://www.example.gov.uk/protocol.pdf
# The council's own names for the roles its protocol uses: key (lowercase-with-hyphens):
# the title as the protocol writes it. Outcomes name a contact by key.
roles:
  {adviser_key}: {q_adviser}
# Who to ask where the protocol does not say: a role key, or
# {{councillors: KEY, officers: KEY}} where the protocol names two.
adviser: {adviser_key}
# Anything a reader should know about the document itself (shown on the council's page).
notes:
  - {q_note}
# Optional, per role: contact details shown with outcomes that name the role.
# contacts:
#   {adviser_key}: {{name: ..., email: ..., phone: ..., web: https://...}}
"""

WIZARD_YAML = """\
# Skeleton question page for the topic '{topic}'. Every answer starts as "the protocol does
# not say"; where the protocol does say, write the outcome from the paragraphs and cite them.
section: {q_section}
id: {id}
title: {q_title}
topic: {topic}
asked_by: {asked_by}
asks: open
start: {step}
steps:
  {step}:
    ask: {question}
    routes:
{routes}
outcomes:
{outcomes}"""

OUTCOME_YAML = """\
  {id}:
    verdict: ask-someone
    silent: true
    headline: {q_headline}
    answer: >
      The guide has not found a rule on this in the protocol. Ask the {adviser}.
    contact: {adviser_key}
    cite: [{q_cite}]
"""


def check_slug(slug: str) -> None:
    found = name_problem(slug, "council")
    if found:
        message, fix = found
        raise ScaffoldError(f"'{slug}': {message} Fix: {fix}")


def scaffold(trees: Path, slug: str, name: str, adviser_key: str = "monitoring-officer",
             adviser: str = "Monitoring Officer", kind: str = "", title: str = "") -> list[Path]:
    """Write the council's folder; return the files written."""
    check_slug(slug)
    check_slug(adviser_key)
    folder = Path(trees) / slug
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists. Fix: choose another slug, or edit that folder.")
    (folder / "wizards").mkdir(parents=True)
    council = folder / "council.yaml"
    council.write_text(COUNCIL_YAML.format(
        name=name, q_name=q(name), q_kind=q(kind or "Council (say what kind)"),
        q_title=q(title or "Protocol on Councillor/Officer Relations"), adviser_key=adviser_key,
        q_adviser=q(adviser), q_note=q("Added with protocol-guide new-council; not yet reviewed.")),
        encoding="utf-8")
    written = [council]
    for topic_file in sorted((Path(trees) / "questions").glob("*.yaml")):
        skeleton = _skeleton(folder, topic_file, adviser_key, adviser)
        if skeleton is not None:
            written.append(skeleton)
    return written


def _skeleton(folder: Path, topic_file: Path, adviser_key: str, adviser: str) -> Path | None:
    """The topic's first question a council with no 'has:' is asked, every answer silent."""
    bank = load_yaml(topic_file, Problems())
    topic = str(bank["topic"])
    question = next((q for q in bank["questions"] if "needs" not in q), None)
    if question is None:
        return None  # every question needs a body (a Cabinet, party groups): added with 'has:'
    offered = [a for a in question["answers"] if "needs" not in a]  # a new council 'has' nothing yet
    wizard_id = f"about-{topic}"
    routes, outcomes = [], []
    for answer in offered:
        outcome = f"{answer['id']}-silent"
        routes.append(f"      {answer['id']}: {outcome}")
        outcomes.append(OUTCOME_YAML.format(
            id=outcome, q_headline=q(f"The protocol does not say: ask the {adviser}"),
            adviser=adviser, adviser_key=adviser_key, q_cite=q(FIRST_PARAGRAPH)))
    file = folder / "wizards" / f"{wizard_id}.yaml"
    file.write_text(WIZARD_YAML.format(
        topic=topic, q_section=q(FIRST_SECTION), id=wizard_id,
        asked_by=bank.get("voice") or "anyone",  # an officer's topic is asked by an officer
        q_title=q(f"What does the protocol say about {str(bank['title']).lower()}?"),
        step="what", question=question["id"], routes="\n".join(routes),
        outcomes="".join(outcomes)), encoding="utf-8")
    return file


NEXT_STEPS = """\
Created {folder}/ with council.yaml and {wizards} skeleton question pages.
Next:
  1. Save the protocol as plain text in {folder}/source.txt (copy it from the PDF or web page).
  2. protocol-guide import {slug} {folder}/source.txt
  3. Write each paragraph's summary and tags in your own words; fill in council.yaml.
  4. protocol-guide check --source {folder}/source.txt   (repeat until it says OK)
  5. Write tests/cases/{slug}.yaml: a case for every outcome and answer, read from the source
     (protocol-guide cases {slug} --write adds a draft of each for you to check).
  6. protocol-guide build   (the site is in site/; docs/authors.md, "Add your council")"""


def cmd_new_council(args) -> int:
    try:
        written = scaffold(Path(args.trees), args.slug, args.name, args.adviser_key, args.adviser,
                           args.kind, args.title)
    except ScaffoldError as err:
        print(f"protocol-guide: {err}")
        return 2
    folder = Path(args.trees) / args.slug
    print(NEXT_STEPS.format(folder=folder, wizards=len(written) - 1, slug=args.slug))
    return 0


def add_command(sub) -> None:
    new = sub.add_parser("new-council", help="start a council's folder: council.yaml and skeleton "
                         "question pages")
    new.add_argument("slug", help="the folder name: lowercase letters, digits and hyphens")
    new.add_argument("--name", required=True, help="the council's name")
    new.add_argument("--kind", default="")
    new.add_argument("--title", default="", help="the protocol's title")
    new.add_argument("--adviser-key", default="monitoring-officer")
    new.add_argument("--adviser", default="Monitoring Officer",
                     help="the council's own title for who advises on the protocol")
