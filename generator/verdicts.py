"""The verdict kinds an outcome may have, and the words of its badge: one list, one table.

The badge depends on what the wizard's title asks. A yes/no badge answers only a yes/no
question; on an open question (who, where, how, what) the headline is the answer, and the badge
says only what kind of answer it is, or nothing. The compiled tree carries the badge's words, so
the page, the record, the comparisons and the engine all show the same ones.
"""
from __future__ import annotations

import re

VERDICTS = ("yes", "no", "yes-if", "ask-someone")
ASKS = ("yes-no", "open")

_BADGES = {
    "yes-no": {"yes": "Yes", "no": "No", "yes-if": "Yes, if the conditions below are met",
               "ask-someone": "Ask for advice"},
    "open": {"yes": "", "no": "", "yes-if": "Conditions apply", "ask-someone": "Ask for advice"},
}
SILENT_BADGE = "Not covered by the protocol"


def badge(asks: str, verdict: str, silent: bool) -> str:
    """The badge's words, or '' for none."""
    if silent:
        return SILENT_BADGE
    return _BADGES.get(asks, _BADGES["open"]).get(verdict, "")


def headline_problem(asks: str, verdict: str, silent: bool, headline: str) -> str:
    """Why a headline contradicts its verdict kind, or '' when it does not."""
    # "No, ..." or "Yes." answers yes or no; "No procedure is set out" does not.
    said = re.match(r"^\s*(yes|no)\s*(?:[,.;:!\u2013\u2014-]|$)", headline, re.IGNORECASE)
    first = said.group(1).lower() if said else ""
    if silent and not any(p in headline.lower() for p in ("does not say", "does not cover")):
        return "a silent outcome's headline must say that the protocol does not say (or cover) it"
    if asks == "open" and first in ("yes", "no"):
        return f"the wizard asks an open question, so its headline may not start with '{first.capitalize()}'"
    if first == "yes" and verdict not in ("yes", "yes-if"):
        return f"the headline starts 'Yes' but the verdict is '{verdict}'"
    if first == "no" and verdict != "no":
        return f"the headline starts 'No' but the verdict is '{verdict}'"
    return ""
