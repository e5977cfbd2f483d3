"""How plain the guide's words are: reading age of essentials, headlines and outcome answers.

Reading age is the Flesch-Kincaid grade (textstat) plus five, the usual conversion from a
US school grade to a UK reading age. GOV.UK writes for a reading age of about 9; the guide's
target is 11 or below for essentials and headlines, and no essentials point above 14.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from .model import Council

TARGET = 11          # essentials and headlines
CEILING = 14         # no essentials point may be harder than this
GRADE_TO_AGE = 5     # a US grade 1 reader is about six


def reading_age(text: str) -> float:
    import textstat  # imported here: only the readability command and its tests need it

    return round(max(0.0, textstat.flesch_kincaid_grade(text)) + GRADE_TO_AGE, 1)


@dataclass
class Scores:
    kind: str
    ages: list[float]

    @property
    def count(self) -> int:
        return len(self.ages)

    @property
    def average(self) -> float:
        return round(mean(self.ages), 1) if self.ages else 0.0

    @property
    def hardest(self) -> float:
        return max(self.ages, default=0.0)

    def over(self, age: float) -> int:
        return sum(1 for a in self.ages if a > age)


def essentials_texts(council: Council) -> list[tuple[str, str]]:
    """(where, text) for every essentials point: title and explanation read together."""
    if council.essentials is None:
        return []
    return [(f"{audience}: {p.title}", f"{p.title}. {p.text}")
            for audience, points in council.essentials.audiences.items() for p in points]


def council_scores(council: Council) -> list[Scores]:
    outcomes = [o for w in council.wizards for o in w.outcomes.values()]
    return [Scores("essentials", [reading_age(t) for _, t in essentials_texts(council)]),
            Scores("headlines", [reading_age(o.headline) for o in outcomes]),
            Scores("outcome answers", [reading_age(o.answer) for o in outcomes])]


def report(councils: list[Council], as_json: bool = False) -> tuple[str, bool]:
    """The figures per council, and whether any essentials point is above the ceiling."""
    import json

    rows, failed = [], False
    lines = [f"Reading age (Flesch-Kincaid grade + {GRADE_TO_AGE}); target {TARGET} or below for "
             f"essentials and headlines; no essentials point above {CEILING}.", ""]
    for council in councils:
        scores = council_scores(council)
        hard = [(where, age) for (where, text) in essentials_texts(council)
                if (age := reading_age(text)) > CEILING]
        failed = failed or bool(hard)
        rows.append({"council": council.slug, **{s.kind: {"count": s.count, "average": s.average,
                     "hardest": s.hardest, f"over {TARGET}": s.over(TARGET)} for s in scores},
                     f"essentials over {CEILING}": [w for w, _ in hard]})
        lines.append(council.slug)
        for s in scores:
            lines.append(f"  {s.kind:16} {s.count:4} texts  average {s.average:5.1f}  hardest "
                         f"{s.hardest:5.1f}  over {TARGET}: {s.over(TARGET)}")
        lines += [f"  essentials point over {CEILING}: {where} ({age})" for where, age in hard]
    return (json.dumps(rows, indent=2) if as_json else "\n".join(lines)), failed
