"""The validated content of decision_trees/, as plain dataclasses."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .verdicts import ASKS, VERDICTS  # noqa: F401  (one list each, re-exported for the loader)

if TYPE_CHECKING:
    from .essentials import Essentials

ASKERS = ("councillor", "officer", "anyone")
# The voices a bank question or option may be written in (an 'anyone' wizard may use either).
VOICES = ("councillor", "officer")
# What a council may have, for 'has:' in council.yaml and 'needs:' in the question bank.
BODIES = {
    "cabinet": "a Leader and Cabinet (executive)",
    "committees": "committees that take decisions",
    "scrutiny": "overview and scrutiny",
    "statutory-officers": "its own statutory officers (head of paid service, chief finance "
                          "officer, monitoring officer)",
    "town-clerk": "a Town Clerk",
    "political-groups": "political (party) groups",
}


def anchor_for(paragraph_id: str) -> str:
    """A stable HTML id for a paragraph number: '3.2.10' -> 'p-3-2-10', '16(a)' -> 'p-16-a'."""
    return "p-" + re.sub(r"[^a-z0-9]+", "-", paragraph_id.lower()).strip("-")


@dataclass
class Answer:
    id: str
    label: str
    hint: str = ""
    voice: str = ""     # "councillor" / "officer": whose words the label is in ("" = either)
    needs: list[str] = field(default_factory=list)  # BODIES the council must have to offer it


@dataclass
class Question:
    id: str
    topic: str
    text: str
    answers: list[Answer]
    hint: str = ""
    voice: str = ""
    needs: list[str] = field(default_factory=list)

    def answer(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)


@dataclass
class Situation:
    """A fixed set of answers that the comparison pages put to every council."""
    id: str
    label: str
    answers: dict[str, str]


@dataclass
class Topic:
    id: str
    title: str
    intro: str
    questions: list[Question]
    file: Path
    situations: list[Situation] = field(default_factory=list)


@dataclass
class Tag:
    id: str
    label: str


@dataclass
class Paragraph:
    id: str
    summary: str
    applies_to: list[str]
    tags: list[str]
    heading: str = ""
    note: str = ""
    cite_as: str = ""   # how a citation names it, where the generated label would be wrong
    section: Section = field(init=False)  # set by the loader once the section exists
    line: int = 1

    @property
    def anchor(self) -> str:
        return anchor_for(self.id)


@dataclass
class Outcome:
    id: str
    verdict: str
    headline: str
    answer: str
    contact: list[str]      # role keys from council.yaml: any one of them
    cite: list[str]
    contact_note: str = ""
    conditions: list[str] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    time_limit: str = ""
    silent: bool = False
    due: list[Due] = field(default_factory=list)   # time_limit as data, for dates (engine.due_dates)
    # publicity before an election, as data (engine.election_period); None where not relevant
    election_period: ElectionPeriod | None = None


DUE_KINDS = ("working", "calendar", "unspecified")


@dataclass
class Due:
    """One time limit a date can be computed from; the outcome's time_limit says it in words."""
    days: int
    kind: str    # working | calendar | unspecified (the source says "days" without "working")
    what: str    # what falls due, as a label: "Acknowledgement due"
    after: str   # the event counted from, completing "the date ...": "you sent the complaint"


# What a protocol may say the pre-election period runs between (the only one so far: Crawley 9.1).
ELECTION_STARTS = ("notice-of-election",)
ELECTION_ENDS = ("polling-day",)
# Whether polling day itself is in the period: as the source says, or the reading assumed where
# it does not say (the engine states an assumption every time it gives an answer).
POLLING_DAY = ("included", "excluded", "assumed-included", "assumed-excluded")


@dataclass
class ElectionPeriod:
    """Publicity before an election: the period the protocol defines, or that it defines none.

    defined=False: the protocol mentions election-time publicity but sets no period, so no date
    is worked out and the outcome's contact is named instead."""
    defined: bool
    cite: list[str]
    starts: str = ""       # ELECTION_STARTS, when defined
    ends: str = ""         # ELECTION_ENDS, when defined
    polling_day: str = ""  # POLLING_DAY, when defined


@dataclass
class Step:
    id: str
    ask: str
    routes: dict[str, str]


@dataclass
class Wizard:
    id: str
    title: str
    topic: str
    asked_by: str
    start: str
    steps: dict[str, Step]
    outcomes: dict[str, Outcome]
    asks: str = "open"      # what the title asks: "yes-no" or "open" (who / where / how / what)
    intro: str = ""
    section: Section = field(init=False)  # set by the loader once the section exists
    file: Path = field(kw_only=True)  # the YAML file it was read from (a section file or wizards/<id>.yaml)
    # YAML line of each part, for problem reports: step id, outcome id, "step->answer", "cite:outcome".
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Section:
    id: str
    title: str
    slug: str
    paragraphs: list[Paragraph]
    wizards: list[Wizard]
    file: Path
    intro: str = ""
    council: Council = field(init=False)  # set by the loader once the council exists


@dataclass
class Document:
    title: str
    reference: str
    version: str = ""
    adopted: str = ""
    subtitle: str = ""  # kept apart so a long title is not one copied run of words
    url: str = ""       # the council's own published copy, linked (never fetched)

    @property
    def full_title(self) -> str:
        return f"{self.title}: {self.subtitle}" if self.subtitle else self.title


@dataclass
class ContactDetails:
    """What a council chooses to publish for a role: all optional."""
    name: str = ""
    email: str = ""
    phone: str = ""
    web: str = ""

    def __bool__(self) -> bool:
        return any((self.name, self.email, self.phone, self.web))


@dataclass
class Council:
    slug: str
    name: str
    named_in_source: bool
    kind: str
    document: Document
    roles: dict[str, str]
    sections: list[Section]
    adviser: dict[str, str]   # audience ("councillors", "officers") -> role key
    notes: list[str] = field(default_factory=list)
    contacts: dict[str, ContactDetails] = field(default_factory=dict)
    file: Path = field(kw_only=True)
    # from essentials.yaml (generator/essentials.py); None where the council has no such file
    essentials: "Essentials | None" = field(default=None, kw_only=True)
    has: list[str] = field(default_factory=lambda: list(BODIES))  # BODIES, from 'has:'

    def lacks(self, needs: list[str]) -> list[str]:
        """The bodies in needs that this council does not have."""
        return [body for body in needs if body not in self.has]

    def wizards_for(self, audience: str) -> list[Wizard]:
        """The wizards behind one door: that audience's own, and those for anyone."""
        return [w for w in self.wizards if w.asked_by in (audience, "anyone")]

    def role_name(self, key: str) -> str:
        return self.roles.get(key, key)

    def adviser_for(self, asked_by: str) -> list[str]:
        """The role keys to ask where the protocol is silent, for a wizard's audience."""
        if asked_by == "officer":
            return [self.adviser["officers"]]
        if asked_by == "councillor":
            return [self.adviser["councillors"]]
        return list(dict.fromkeys(self.adviser.values()))

    @property
    def paragraphs(self) -> dict[str, Paragraph]:
        return {p.id: p for s in self.sections for p in s.paragraphs}

    @property
    def wizards(self) -> list[Wizard]:
        return [w for s in self.sections for w in s.wizards]

    def wizard(self, wizard_id: str) -> Wizard | None:
        return next((w for w in self.wizards if w.id == wizard_id), None)


@dataclass
class Term:
    term: str
    meaning: str
    role: str = ""
    marks: list[str] = field(default_factory=list)


@dataclass
class Library:
    root: Path
    councils: dict[str, Council]
    topics: dict[str, Topic]
    tags: dict[str, Tag]
    glossary: list[Term] = field(default_factory=list)

    @property
    def questions(self) -> dict[str, Question]:
        return {q.id: q for t in self.topics.values() for q in t.questions}
