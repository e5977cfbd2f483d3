"""Walk a compiled decision tree. Standard library only.

This one file runs in three places: under pytest, behind the `protocol-guide`
command line, and in the browser inside Pyodide (Python 3.14, in a Web
Worker). Keep it free of imports outside the standard library and of any
knowledge of files, YAML or HTML: it receives a tree as plain dicts (the JSON
that generator/compile.py writes) and answers as {question id: answer id}.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from functools import lru_cache

SILENT_NOTE = "The protocol does not cover this situation."


def walk(tree: dict, answers: dict) -> dict:
    """Follow the answers from the start until a question is unanswered or an outcome is reached.

    Returns the path taken, then either the step still to answer or the outcome.
    Answers that are not on the path are returned as 'dropped'; an answer the
    question does not offer is returned as 'invalid' and the walk stops there.
    """
    steps, outcomes = tree["steps"], tree["outcomes"]
    path: list[dict] = []
    used: set[str] = set()
    invalid: dict[str, str] = {}
    node = tree["start"]
    while node in steps:
        step = steps[node]
        question = step["ask"]
        answer = answers.get(question)
        if answer is None:
            break
        if answer not in step["routes"] or question in used:
            invalid[question] = answer
            break
        path.append({"step": node, "question": question, "answer": answer})
        used.add(question)
        node = step["routes"][answer]
    dropped = {q: a for q, a in answers.items() if q not in used and q not in invalid}
    result = {"path": path, "dropped": dropped, "invalid": invalid, "step": None, "outcome": None,
              "cite": []}
    if node in outcomes:
        result["outcome"] = node
        result["cite"] = list(outcomes[node]["cite"])
    else:
        result["step"] = node
        result["question"] = steps[node]["ask"]
    return result


def paths(tree: dict) -> list[dict]:
    """Every path from the start to an outcome: the answers in order, the outcome and its citations."""
    found: list[dict] = []

    def visit(node: str, answers: list[tuple[str, str]]) -> None:
        if node in tree["outcomes"]:
            found.append({"answers": dict(answers), "outcome": node,
                          "cite": list(tree["outcomes"][node]["cite"])})
            return
        step = tree["steps"][node]
        for answer, target in step["routes"].items():
            visit(target, answers + [(step["ask"], answer)])

    visit(tree["start"], [])
    return found


def questions(tree: dict) -> dict[str, list[str]]:
    """The questions this tree can ask, each with the answers it accepts."""
    found: dict[str, list[str]] = {}
    for step in tree["steps"].values():
        found.setdefault(step["ask"], [])
        for answer in step["routes"]:
            if answer not in found[step["ask"]]:
                found[step["ask"]].append(answer)
    return found


def answered(tree: dict, result: dict) -> list[dict]:
    """The path of a walk in words: question text and answer label for each step."""
    rows = []
    for entry in result["path"]:
        step = tree["steps"][entry["step"]]
        rows.append({"question": entry["question"], "answer": entry["answer"],
                     "question_text": step["text"], "answer_label": step["labels"][entry["answer"]]})
    return rows


def outcome_text(tree: dict, outcome_id: str) -> list[str]:
    """The outcome as plain lines, answer first: headline, badge, conditions, contact, detail."""
    outcome = tree["outcomes"][outcome_id]
    lines = [outcome["headline"]]
    if outcome.get("badge"):
        lines.append(f"({outcome['badge']})")
    lines.append("")
    if outcome.get("conditions"):
        lines += ["Conditions:"] + [f"- {c}" for c in outcome["conditions"]] + [""]
    lines.append(f"Who to go to: {outcome['contact']}")
    for role in outcome.get("contact_roles", []):
        details = [role[k] for k in ("name", "email", "phone", "web") if role.get(k)]
        if details:
            lines.append(f"  {role['title']}: {', '.join(details)}")
    if outcome.get("time_limit"):
        lines.append(f"Time limit: {outcome['time_limit']}")
    lines += ["", outcome["answer"], ""]
    if outcome.get("silent"):
        lines += [SILENT_NOTE + (f" For advice, ask: {outcome['adviser']}." if outcome.get("adviser") else ""), ""]
    if outcome.get("next_steps"):
        lines += ["Next steps:"] + [f"- {s}" for s in outcome["next_steps"]] + [""]
    lines.append("Based on:")
    for cited in outcome["cite"]:
        paragraph = tree["paragraphs"].get(cited, {})
        lines.append(f"- {paragraph.get('label', cited)}: {paragraph.get('summary', '')}".rstrip())
    return lines


def record_data(tree: dict, answers: dict, when: str, link: str = "") -> dict:
    """A decision record as data: the browser lays it out as a page, record() as plain text."""
    result = walk(tree, answers)
    council, wizard = tree["council"], tree["wizard"]
    doc = council["document"]
    data = {"title": wizard["title"], "council": council["name"],
            "protocol": doc["title"] + (f" ({doc['reference']})" if doc.get("reference") else ""),
            "protocol_version": doc.get("version") or "not stated in the document",
            "protocol_url": doc.get("url", ""), "tree_version": tree["version"],
            "when": when, "link": link,
            "answers": [{"question": r["question_text"], "answer": r["answer_label"]}
                        for r in answered(tree, result)],
            "outcome": None}
    if result["outcome"]:
        outcome = tree["outcomes"][result["outcome"]]
        data["outcome"] = {
            "id": result["outcome"],
            **{k: outcome.get(k) for k in ("headline", "badge", "answer", "conditions", "contact",
                                           "contact_roles", "time_limit", "next_steps", "silent",
                                           "adviser")},
            "text": outcome_text(tree, result["outcome"]),
            "citations": [{"id": c, **tree["paragraphs"].get(c, {})} for c in outcome["cite"]]}
    return data


def record(tree: dict, answers: dict, when: str, link: str = "") -> str:
    """A decision record in plain text: who checked what, when, against which version, and the result."""
    data = record_data(tree, answers, when, link)
    lines = [f"Decision record: {data['title']}", "",
             f"Council: {data['council']}",
             f"Protocol: {data['protocol']}",
             f"Protocol version: {data['protocol_version']}",
             f"Guide tree version: {data['tree_version']}",
             f"Checked on: {when}"]
    if link:
        lines.append(f"Link to these answers: {link}")
    lines += ["", "Questions and answers:"]
    lines += [f"- {row['question']} {row['answer']}" for row in data["answers"]]
    lines += ["", "Outcome:"]
    lines += data["outcome"]["text"] if data["outcome"] else ["Not reached: the questions were not all answered."]
    lines += ["", "This record explains the protocol in plain English; the adopted protocol is "
              "the authority. Keep it with your notes."]
    return "\n".join(lines) + "\n"


# --- time limits as dates: working days in England and Wales -------------------------------

# Bank holidays changed for one year by royal proclamation: {year: {"moved": {usual: instead},
# "added": {day: name}}}. The rules below give every other year.
ONE_OFF_HOLIDAYS: dict[int, dict] = {
    2002: {"moved": {"2002-05-27": "2002-06-04"}, "added": {"2002-06-03": "Golden Jubilee"}},
    2011: {"moved": {}, "added": {"2011-04-29": "Royal Wedding"}},
    2012: {"moved": {"2012-05-28": "2012-06-04"}, "added": {"2012-06-05": "Diamond Jubilee"}},
    2020: {"moved": {"2020-05-04": "2020-05-08"}, "added": {}},
    2022: {"moved": {"2022-05-30": "2022-06-02"},
           "added": {"2022-06-03": "Platinum Jubilee", "2022-09-19": "State Funeral of Queen Elizabeth II"}},
    2023: {"moved": {}, "added": {"2023-05-08": "Coronation of King Charles III"}},
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
READINGS = {"working": "working days", "calendar": "calendar days"}


def easter_sunday(year: int) -> date:
    """Gregorian Easter by the anonymous (Meeus/Jones/Butcher) computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _monday(year: int, month: int, last: bool) -> date:
    """The first or the last Monday of a month."""
    if last:
        day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return day - timedelta(days=day.weekday())
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


@lru_cache(maxsize=None)  # one small dict per year asked about; never changed after
def bank_holidays(year: int) -> dict[date, str]:
    """England and Wales bank holidays in a year, by the rules plus ONE_OFF_HOLIDAYS.

    New Year's Day, Christmas Day and Boxing Day falling at a weekend are replaced by the next
    weekday that is not already a holiday (so Christmas on a Saturday gives Monday and Tuesday)."""
    easter = easter_sunday(year)
    found = {easter - timedelta(days=2): "Good Friday", easter + timedelta(days=1): "Easter Monday",
             _monday(year, 5, last=False): "Early May bank holiday",
             _monday(year, 5, last=True): "Spring bank holiday",
             _monday(year, 8, last=True): "Summer bank holiday"}
    for day, name in ((date(year, 1, 1), "New Year's Day"), (date(year, 12, 25), "Christmas Day"),
                      (date(year, 12, 26), "Boxing Day")):
        while day.weekday() >= 5 or day in found:
            day += timedelta(days=1)
            name = name if name.endswith("(substitute day)") else name + " (substitute day)"
        found[day] = name
    changes = ONE_OFF_HOLIDAYS.get(year, {})
    for usual, instead in changes.get("moved", {}).items():
        found[date.fromisoformat(instead)] = found.pop(date.fromisoformat(usual))
    found.update({date.fromisoformat(d): name for d, name in changes.get("added", {}).items()})
    return dict(sorted(found.items()))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_days(start: date, days: int, kind: str) -> tuple[date, list[str]]:
    """The day `days` days after `start` (the day it happened counts as day 0), and the bank
    holidays passed over. Working days skip weekends and bank holidays; calendar days do not."""
    if kind != "working":
        return start + timedelta(days=days), []
    day, skipped = start, []
    while days > 0:
        day += timedelta(days=1)
        holiday = bank_holidays(day.year).get(day)
        if holiday and day.weekday() < 5:
            skipped.append(f"{holiday} ({day_text(day)})")
        elif day.weekday() < 5:
            days -= 1
    return day, skipped


def day_text(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def due_dates(tree: dict, outcome_id: str, start_iso: str) -> dict:
    """The dates an outcome's time limits fall due, counted from the day something happened.

    A limit whose source says "days" without "working" (kind 'unspecified') is read as
    calendar days, the earlier date; the working-day reading is given beside it."""
    start = date.fromisoformat(start_iso)
    limits = []
    for limit in tree["outcomes"][outcome_id].get("due", []):
        kind = limit["kind"]
        reading = "working" if kind == "working" else "calendar"
        day, skipped = add_days(start, limit["days"], reading)
        entry = {"what": limit["what"], "after": limit["after"], "days": limit["days"], "kind": kind,
                 "reading": READINGS[reading], "due": day.isoformat(), "due_text": day_text(day),
                 "skipped": skipped, "other": None}
        if kind == "unspecified":
            other, other_skipped = add_days(start, limit["days"], "working")
            entry["other"] = {"reading": READINGS["working"], "due": other.isoformat(),
                              "due_text": day_text(other), "skipped": other_skipped}
        limits.append(entry)
    return {"from": start.isoformat(), "from_text": day_text(start), "limits": limits}


def due_lines(result: dict) -> list[str]:
    """The due dates in words, the same sentences wherever they are shown."""
    lines = []
    for limit in result["limits"]:
        count = f"{limit['days']} {limit['reading']}"
        line = f"{limit['what']}: {limit['due_text']} ({count} after {result['from_text']})."
        if limit["kind"] == "unspecified":
            other = limit["other"]
            line += (f" The protocol says \"days\" without \"working\": this counts calendar days;"
                     f" counted in {other['reading']} it would be {other['due_text']}.")
        skipped = limit["skipped"] + (limit["other"] or {}).get("skipped", [])
        if skipped:
            line += " Bank holidays not counted as working days: " + "; ".join(skipped) + "."
        lines.append(line)
    return lines


# --- publicity before an election: is a date in the pre-election period? ------------------

# The words for what an `election_period:` may name (generator/model.py lists the same keys).
ELECTION_STARTS = {"notice-of-election": "publication of the notice of election"}
ELECTION_ENDS = {"polling-day": "polling day"}
ASK_FOR_DATES = "The council's electoral services team or the Returning Officer"


def _day(value, what: str) -> date | None:
    """A date written YYYY-MM-DD (what a date input sends), or None where it may be left out."""
    if value is None or value == "":
        return None
    return _required_day(value, what)


def _required_day(value, what: str) -> date:
    if value is None or value == "":
        raise ValueError(f"{what} is missing: write it as YYYY-MM-DD, for example 2027-05-06.")
    text = str(value)
    if not (len(text) == 10 and text[4] == text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit()):
        raise ValueError(f"{what} '{text}' is not a date: write it as YYYY-MM-DD, for example 2027-05-06.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} '{text}' is not a date in the calendar: check the day and month.") from None


def _period(tree: dict, outcome_id: str) -> tuple[dict, dict]:
    outcome = tree["outcomes"].get(outcome_id)
    if outcome is None or not outcome.get("election_period"):
        raise ValueError(f"outcome {outcome_id!r} says nothing about a pre-election period.")
    return outcome, outcome["election_period"]


def election_assumption(period: dict) -> str:
    """What the answer takes as read that the protocol leaves open: said with every answer."""
    start = ("It also counts the whole of the day the notice of election is published, although "
             "the protocol counts from the time of publication.")
    polling_day = period["polling_day"]
    if polling_day == "included":
        return "The protocol counts polling day in the period. " + start
    if polling_day == "excluded":
        return "The protocol does not count polling day in the period. " + start
    counted = "counts it in" if polling_day == "assumed-included" else "leaves it out"
    return ("Assumption: the protocol does not say whether polling day itself is in the period; "
            f"this answer {counted}. " + start)


def election_rule(tree: dict, outcome_id: str) -> list[str]:
    """The rule in words, with no date: the page shows it without the engine (and before it)."""
    outcome, period = _period(tree, outcome_id)
    if not period["defined"]:
        return ["The protocol does not define a pre-election period: it does not say when one "
                "starts or ends, so the guide cannot work out from a date whether one applies.",
                f"For advice, ask: {outcome['contact_names'] or outcome['contact']}."]
    return [f"In this protocol the pre-election period runs from {ELECTION_STARTS[period['starts']]} "
            f"until {ELECTION_ENDS[period['ends']]}.", election_assumption(period)]


def election_period(tree: dict, outcome_id: str, on_iso: str, notice_iso: str | None = None,
                    poll_iso: str | None = None) -> dict:
    """Is the day on_iso in the pre-election period the outcome's protocol defines?

    verdict: 'applies', 'does-not-apply', 'cannot-tell' (a date the answer needs is missing; the
    guide does not work out election timetables), 'check-dates' (the notice is after the poll)
    or 'not-defined' (the protocol sets no period). 'lines' are the sentences to show, the
    assumption the protocol leaves open last, every time a period is defined. Bad dates raise
    ValueError with a message a person can act on."""
    outcome, period = _period(tree, outcome_id)
    on = _required_day(on_iso, "The date to check")
    notice = _day(notice_iso, "The date the notice of election was published")
    poll = _day(poll_iso, "Polling day")
    result: dict = {"on": on.isoformat(), "on_text": day_text(on),
              "notice": notice.isoformat() if notice else None,
              "poll": poll.isoformat() if poll else None,
              "defined": bool(period["defined"]), "verdict": "", "assumption": "", "lines": []}
    when = day_text(on)
    if not period["defined"]:
        result["verdict"] = "not-defined"
        result["lines"] = [
            "The protocol does not define a pre-election period: it does not say when one starts "
            f"or ends, so the guide cannot work out whether one applies on {when}.",
            f"For advice, ask: {outcome['contact_names'] or outcome['contact']}."]
        return result
    polling_day_in = period["polling_day"] in ("included", "assumed-included")
    care = ("Particular care should still be taken with publicity issued just before an election "
            "or by-election.")
    lines: list[str]
    if notice and poll and notice > poll:
        verdict = "check-dates"
        lines = [f"The notice of election date given ({day_text(notice)}) is after polling day "
                 f"({day_text(poll)}): please check the dates."]
    elif poll and (on > poll or (on == poll and not polling_day_in)):
        verdict = "does-not-apply"
        lines = [f"{when} is after polling day ({day_text(poll)}), so the pre-election period for "
                 "that election is over." if on > poll else
                 f"{when} is polling day, which this answer does not count as in the period."]
    elif notice and on < notice:
        verdict = "does-not-apply"
        lines = [f"{when} is before the notice of election was published ({day_text(notice)}), "
                 "so it is not in the pre-election period.", care]
    elif notice and poll:
        verdict = "applies"
        lines = [f"{when} is in the pre-election period, which runs from the notice of election "
                 f"({day_text(notice)}) until polling day ({day_text(poll)})."]
    elif notice:
        verdict = "cannot-tell"
        lines = [f"{when} is on or after the day the notice of election was published "
                 f"({day_text(notice)}), so it is in the pre-election period unless polling day "
                 "has already passed. Enter polling day to check.",
                 f"{ASK_FOR_DATES} can tell you polling day."]
    else:
        verdict = "cannot-tell"
        needs = ("when the notice of election was published" if poll else
                 "when the notice of election was published and on polling day")
        lines = [f"Whether {when} is in the pre-election period depends on {needs}. The guide "
                 "does not work out election timetables.",
                 f"{ASK_FOR_DATES} can tell you " + ("that date; enter it to check." if poll
                                                    else "both dates; enter them to check.")]
    result["verdict"] = verdict
    result["assumption"] = election_assumption(period)
    result["lines"] = lines + [result["assumption"]]
    return result


# --- the browser's entry point -------------------------------------------------------------

_TREES: dict[str, dict] = {}


def handle(request_json: str) -> str:
    """One JSON request from the Web Worker, one JSON reply. Ops: load, walk, record, due,
    election-period."""
    request = json.loads(request_json)
    op = request.get("op")
    if op == "load":
        tree = json.loads(request["tree"])
        _TREES[request["key"]] = tree
        return json.dumps({"ok": True, "version": tree["version"]})
    tree = _TREES[request["key"]]
    if op == "walk":
        return json.dumps(walk(tree, request.get("answers", {})))
    if op == "due":
        result = due_dates(tree, request["outcome"], request["from"])
        return json.dumps({**result, "lines": due_lines(result)})
    if op == "election-period":  # a bad date is answered in words, for the page to show
        try:
            return json.dumps(election_period(tree, request["outcome"], request.get("on"),
                                              request.get("notice"), request.get("poll")))
        except ValueError as error:
            return json.dumps({"verdict": "error", "lines": [str(error)]})
    if op == "record":
        args = (tree, request.get("answers", {}), request["when"], request.get("link", ""))
        return json.dumps({"text": record(*args), "data": record_data(*args)})
    raise ValueError(f"unknown op {op!r}")
