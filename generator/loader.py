"""Load decision_trees/ into the model, collecting every problem on the way.

Layout:
  decision_trees/tags.yaml               the shared list of paragraph tags
  decision_trees/questions/<topic>.yaml  the shared question bank, one file per topic
  decision_trees/<council>/council.yaml  the council, its document and its names for roles
  decision_trees/<council>/*.yaml        one file per protocol section (sorted by file name)
  decision_trees/<council>/wizards/<id>.yaml  one question page each, shown on its 'section:'
                                         (a section file may also hold wizards under 'wizards:')
"""
from __future__ import annotations

from pathlib import Path

from .audience import check_fit, load_has, load_marks, topic_voice
from .essentials import FILE as ESSENTIALS_FILE
from .essentials import load_essentials
from .fields import Block
from .model import (
    ASKERS,
    ASKS,
    DUE_KINDS,
    VERDICTS,
    Answer,
    ContactDetails,
    Council,
    Document,
    Due,
    Library,
    Outcome,
    Paragraph,
    Question,
    Section,
    Situation,
    Step,
    Tag,
    Term,
    Topic,
    Wizard,
)
from .names import layout_problems
from .problems import InvalidTrees, Problems
from .wizard_checks import check_wizard, load_election_period
from .yamlsource import line_of, load_yaml

AUDIENCES = ("councillors", "officers", "everyone")


def council_slugs(root: Path) -> list[str]:
    """The council folders under root, whether or not they are valid."""
    return sorted(p.name for p in Path(root).iterdir() if (p / "council.yaml").is_file())


def load_library(root: Path, only: str | None = None) -> Library:
    """Load and validate everything under root; raise InvalidTrees listing every problem.

    With only=<slug>, load just that council (with the shared files), so that one council's
    author is not blocked by an error in another council's folder."""
    problems = Problems(root)
    root = Path(root)
    if not root.is_dir():
        problems.add(root, 1, "the decision_trees folder does not exist.",
                     "run the command from the project's top folder.")
        raise InvalidTrees(problems.sorted())
    for file, line, message, fix in layout_problems(root):
        if only is None or file.parent.name in (only, "questions") or file.parent == root:
            problems.add(file, line, message, fix)
    tags = _load_tags(root / "tags.yaml", problems)
    topics = _load_topics(root / "questions", problems)
    glossary, role_lines = _load_glossary(root / "glossary.yaml", problems)
    library = Library(root=root, councils={}, topics=topics, tags=tags, glossary=glossary)
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "questions"
                         and not p.name.startswith(".") and only in (None, p.name)):
        council = _load_council(folder, library, problems)
        if council is not None:
            library.councils[council.slug] = council
            if not council.sections and not problems.unreadable_in(folder):
                problems.add(council.file, 1, f"the council '{folder.name}' has no sections.",
                             "add one YAML file per section of its protocol beside council.yaml.")
    if only is None:
        _check_glossary_roles(root / "glossary.yaml", role_lines, library, problems)
    if problems:
        raise InvalidTrees(problems.sorted())
    return library


def _load_tags(file: Path, problems: Problems) -> dict[str, Tag]:
    if not file.exists():
        problems.add(file, 1, "the shared tag list is missing.", "create tags.yaml with a 'tags:' list.")
        return {}
    data = load_yaml(file, problems)
    if data is None:
        return {}
    before = len(problems)
    block = Block(data, file, problems, "the tag list", ("tags",))
    tags: dict[str, Tag] = {}
    for item in block.items("tags"):
        entry = Block(item, file, problems, "a tag", ("id", "label"))
        tag = Tag(entry.text("id"), entry.text("label"))
        if tag.id in tags:
            entry.problem(entry.line, f"the tag '{tag.id}' is listed twice.", "remove one of them.")
        tags[tag.id] = tag
    if block.ok and "tags" in block.data and not tags:
        block.problem(block.line_of("tags"), "the tag list has no tags.",
                      "list the tags under 'tags:', one '- {id: ..., label: ...}' per line.")
    # A broken list counts as none: paragraphs' tags are checked once it is fixed.
    return tags if len(problems) == before else {}


def _load_glossary(file: Path, problems: Problems) -> tuple[list[Term], dict[str, int]]:
    """The terms, and the line of each term's 'role:' (checked once every council is loaded)."""
    if not file.exists():
        return [], {}
    data = load_yaml(file, problems)
    if data is None:
        return [], {}
    block = Block(data, file, problems, "the glossary", ("terms",))
    terms: list[Term] = []
    role_lines: dict[str, int] = {}
    for item in block.items("terms"):
        entry = Block(item, file, problems, "a glossary term", ("term", "meaning"), ("role", "marks"))
        term = Term(entry.text("term"), entry.text("meaning"), entry.text("role"), entry.texts("marks"))
        if any(t.term.lower() == term.term.lower() for t in terms):
            entry.problem(entry.line, f"the term '{term.term}' is listed twice.", "remove one of them.")
        if term.role:
            role_lines.setdefault(term.role, entry.line_of("role"))
        terms.append(term)
    return terms, role_lines


def _check_glossary_roles(file: Path, role_lines: dict[str, int], library: Library,
                          problems: Problems) -> None:
    known = {key for council in library.councils.values() for key in council.roles}
    if not known:
        return  # no council loaded: their own problems come first
    for role, line in role_lines.items():
        if role not in known:
            problems.add(file, line, f"the glossary's role '{role}' is not a role of any council.",
                         "use a role key from a council.yaml 'roles:' block (check the spelling).")


def _load_topics(folder: Path, problems: Problems) -> dict[str, Topic]:
    topics: dict[str, Topic] = {}
    seen_questions: dict[str, Path] = {}
    if not folder.is_dir() or not any(folder.glob("*.yaml")):
        problems.add(folder, 1, "the shared question bank is missing.",
                     "create decision_trees/questions/ with one YAML file per topic.")
        return topics
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        data = load_yaml(file, problems)
        if data is None:
            continue
        block = Block(data, file, problems, "a question bank", ("topic", "title", "questions"),
                      ("intro", "situations", "voice"))
        questions = []
        voice = topic_voice(block)
        for item in block.items("questions"):
            question = _load_question(item, file, problems, block.text("topic"))
            if question is None:
                continue
            load_marks(question, item, voice, file, problems)
            if question.id in seen_questions:
                problems.add(file, line_of(item), f"the question id '{question.id}' is already "
                             f"used in {seen_questions[question.id].name}.",
                             "give each question in the bank its own id.")
            seen_questions[question.id] = file
            questions.append(question)
        topic = Topic(block.text("topic"), block.text("title"), block.text("intro"), questions, file)
        topic.situations = [s for s in (_load_situation(item, file, problems)
                                        for item in block.items("situations")) if s]
        if topic.id in topics:
            block.problem(block.line_of("topic"), f"the topic '{topic.id}' is defined twice.",
                          "merge the two files or rename one topic.")
        topics[topic.id] = topic
    _check_situations(topics, problems)
    return topics


def _check_situations(topics: dict[str, Topic], problems: Problems) -> None:
    questions = {q.id: q for t in topics.values() for q in t.questions}
    for topic in topics.values():
        seen: set[str] = set()
        for situation in topic.situations:
            line = situation.answers.line if hasattr(situation.answers, "line") else 1
            if situation.id in seen:
                problems.add(topic.file, line, f"situation '{situation.id}' appears twice.",
                             "give each situation its own id.")
            seen.add(situation.id)
            for question_id, answer_id in situation.answers.items():
                question = questions.get(question_id)
                if question is None:
                    problems.add(topic.file, line, f"situation '{situation.id}' answers '{question_id}', "
                                 "which is not in the question bank.", "use a question id from the bank.")
                elif question.answers and question.answer(answer_id) is None:
                    problems.add(topic.file, line, f"situation '{situation.id}' gives '{answer_id}' to "
                                 f"'{question_id}', which it does not offer.",
                                 f"use one of: {', '.join(a.id for a in question.answers)}.")


def _load_situation(item, file: Path, problems: Problems) -> Situation | None:
    block = Block(item, file, problems, "a situation", ("id", "label", "answers"))
    if not block.ok:
        return None
    answers = block.mapping("answers")
    situation = Situation(block.text("id"), block.text("label"), answers)
    for key, value in answers.items():
        if not isinstance(value, str):
            block.problem(answers.line_of(key), f"the answer to '{key}' should be an answer id.",
                          "write 'question-id: answer-id'.")
    return situation


def _load_question(item, file: Path, problems: Problems, topic: str) -> Question | None:
    block = Block(item, file, problems, "a question", ("id", "text", "answers"),
                  ("hint", "voice", "needs"))
    if not block.ok:
        return None
    answers: list[Answer] = []
    for raw in block.items("answers"):
        entry = Block(raw, file, problems, "an answer", ("id", "label"), ("hint", "voice", "needs"))
        answer = Answer(entry.text("id"), entry.text("label"), entry.text("hint"))
        if any(a.id == answer.id for a in answers):
            entry.problem(entry.line, f"the answer id '{answer.id}' appears twice in question "
                          f"'{block.text('id')}'.", "give each answer its own id.")
        answers.append(answer)
    if len(answers) < 2:
        block.problem(block.line_of("answers"), "a question needs at least two answers.",
                      "add the missing answers under 'answers:'.")
    return Question(block.text("id"), topic, block.text("text"), answers, block.text("hint"))


def _load_council(folder: Path, library: Library, problems: Problems) -> Council | None:
    file = folder / "council.yaml"
    if not file.exists():
        problems.add(file, 1, f"the council folder '{folder.name}' has no council.yaml.",
                     "add council.yaml with the council's name, kind, document and roles.")
        return None
    data = load_yaml(file, problems)
    if data is None:
        return None
    block = Block(data, file, problems, "council.yaml",
                  ("name", "named_in_source", "kind", "document", "roles", "adviser"),
                  ("notes", "contacts", "has") + SOURCE_KEYS)
    _check_source_keys(block)
    doc = Block(block.data.get("document"), file, problems, "the 'document' block",
                ("title", "reference"), ("version", "adopted", "subtitle", "url"),
                line=block.line_of("document"))
    roles = {}
    for key, value in block.mapping("roles").items():
        if not isinstance(value, str) or not value.strip():
            block.problem(block.mapping("roles").line_of(key), f"the role '{key}' has no name.",
                          "write the council's own name for the role after the colon.")
            continue
        roles[key] = " ".join(value.split())
    document = Document(doc.text("title"), doc.text("reference"), doc.text("version"),
                        doc.text("adopted"), doc.text("subtitle"), doc.text("url"))
    if document.url and not document.url.startswith("https://"):
        doc.problem(doc.line_of("url"), f"the document's url '{document.url}' is not an https:// address.",
                    "give the full public web address of the council's published protocol, starting https://.")
    council = Council(
        slug=folder.name, name=block.text("name"), named_in_source=block.flag("named_in_source", True),
        kind=block.text("kind"), roles=roles, sections=[],
        adviser=_load_adviser(block, roles), document=document,
        notes=block.texts("notes"), contacts=_load_contacts(block, file, problems, roles), file=file)
    if "has" in block.data:
        council.has = load_has(block)
    for section_file in sorted(folder.glob("*.yaml")):
        if section_file.name in ("council.yaml", ESSENTIALS_FILE):
            continue
        section = _load_section(section_file, council, library, problems)
        if section is not None:
            section.council = council
            council.sections.append(section)
    for wizard_file in sorted((folder / "wizards").glob("*.yaml")):
        _load_wizard_file(wizard_file, council, library, problems)
    _check_council(council, library, problems)
    known = _Anything() if problems.unreadable_in(folder) else set(council.paragraphs)
    council.essentials = load_essentials(folder, known, problems)
    return council


# Where the council's protocol text is, how it is numbered and the list of its paragraph ids
# (generator/importer.py, generator/owncheck.py); paths are from the council's folder.
SOURCE_KEYS = ("source", "numbering", "expected_ids")


def _check_source_keys(block: Block) -> None:
    from .importer import SCHEMES
    numbering = block.text("numbering")
    if numbering and numbering not in SCHEMES:
        block.problem(block.line_of("numbering"), f"numbering is '{numbering}'.",
                      f"use one of {', '.join(SCHEMES)}.")
    listed = block.text("expected_ids")
    if listed and not (block.file.parent / listed).is_file():
        block.problem(block.line_of("expected_ids"), f"the expected-id list '{listed}' does not exist.",
                      "give its path from the council's folder (protocol-guide import writes "
                      "expected-ids.txt there).")


def _role_problem(block: Block, line: int, key: str, roles: dict[str, str], what: str) -> None:
    block.problem(line, f"{what} names the role '{key}', which council.yaml's 'roles:' does not have.",
                  f"use one of: {', '.join(roles) or '(add roles to council.yaml first)'}; or add "
                  f"'{key}:' with the council's own name for it under 'roles:'.")


def _load_adviser(block: Block, roles: dict[str, str]) -> dict[str, str]:
    """'adviser: KEY', or 'adviser: {councillors: KEY, officers: KEY}' where the protocol names two."""
    raw = block.data.get("adviser")
    line = block.line_of("adviser")
    if isinstance(raw, str):
        found = {"councillors": block.text("adviser"), "officers": block.text("adviser")}
    else:
        entry = Block(raw, block.file, block.problems, "the 'adviser' block", ("councillors", "officers"),
                      line=line)
        found = {"councillors": entry.text("councillors"), "officers": entry.text("officers")}
    for key in dict.fromkeys(found.values()):
        if key and key not in roles:
            _role_problem(block, line, key, roles, "'adviser'")
    return found


def _load_contacts(block: Block, file: Path, problems: Problems, roles: dict[str, str]) -> dict:
    contacts = {}
    for key, raw in block.mapping("contacts").items():
        line = block.mapping("contacts").line_of(key)
        if key not in roles:
            _role_problem(block, line, key, roles, "'contacts:'")
        entry = Block(raw, file, problems, f"the contact details for '{key}'", (),
                      ("name", "email", "phone", "web"), line=line)
        details = ContactDetails(entry.text("name"), entry.text("email"), entry.text("phone"),
                                 entry.text("web"))
        if details.web and not details.web.startswith("https://"):
            entry.problem(entry.line_of("web"), f"the web page '{details.web}' is not an https:// address.",
                          "give the full address, starting https://.")
        if details.email and ("@" not in details.email or " " in details.email):
            entry.problem(entry.line_of("email"), f"'{details.email}' is not an email address.",
                          "write it as name@example.gov.uk.")
        contacts[key] = details
    return contacts


def _load_section(file: Path, council: Council, library: Library, problems: Problems) -> Section | None:
    data = load_yaml(file, problems)
    if data is None:
        return None
    block = Block(data, file, problems, "a section file", ("section", "title", "paragraphs"),
                  ("intro", "wizards"))
    section = Section(id=block.text("section"), title=block.text("title"), slug=file.stem,
                      paragraphs=[], wizards=[], file=file, intro=block.text("intro"))
    for item in block.items("paragraphs"):
        paragraph = _load_paragraph(item, file, council, library, problems)
        if paragraph is not None:
            paragraph.section = section
            section.paragraphs.append(paragraph)
    for item in block.items("wizards"):
        wizard = _load_wizard(item, file, library, problems)
        if wizard is not None:
            wizard.section = section
            section.wizards.append(wizard)
    return section


def _load_paragraph(item, file, council, library, problems) -> Paragraph | None:
    block = Block(item, file, problems, "a paragraph", ("id", "summary", "applies_to", "tags"),
                  ("heading", "note", "cite_as"))
    if not block.ok:
        return None
    paragraph = Paragraph(id=block.text("id"), summary=block.text("summary"),
                          applies_to=block.texts("applies_to"), tags=block.texts("tags"),
                          heading=block.text("heading"), note=block.text("note"),
                          cite_as=block.text("cite_as"), line=block.line)
    for who in paragraph.applies_to:
        if who not in AUDIENCES and who not in council.roles:
            block.problem(block.line_of("applies_to"), f"'{who}' in applies_to is neither "
                          f"{', '.join(AUDIENCES)} nor a role in council.yaml.",
                          "use one of those, or add the role to 'roles:' in council.yaml.")
    for tag in paragraph.tags:
        if library.tags and tag not in library.tags:  # else tags.yaml's problem comes first
            block.problem(block.line_of("tags"), f"unknown tag '{tag}'.",
                          f"use a tag from decision_trees/tags.yaml: {', '.join(sorted(library.tags))}.")
    if not paragraph.tags:
        block.problem(block.line, f"paragraph {paragraph.id} has no tags.",
                      "add at least one tag from decision_trees/tags.yaml under 'tags:'.")
    return paragraph


def _load_wizard_file(file: Path, council: Council, library: Library, problems: Problems) -> None:
    """wizards/<id>.yaml: one wizard, listed on the page of the section named by 'section:'."""
    data = load_yaml(file, problems)
    if data is None:
        return
    wizard = _load_wizard(data, file, library, problems, extra=("section",))
    if wizard is None:
        return
    if wizard.id != file.stem:
        problems.add(file, wizard.lines["id"], f"the wizard id '{wizard.id}' differs from the "
                     f"file name '{file.name}'.", f"rename the file to '{wizard.id}.yaml' or fix the id.")
    section_id = " ".join(str(data.get("section", "")).split())
    section = next((s for s in council.sections if s.id == section_id), None)
    if section is None and problems.unreadable_in(file.parent.parent):
        return  # the section may be in the file that could not be read
    if section is None:
        problems.add(file, data.line_of("section") if "section" in data else 1,
                     f"the wizard names section '{section_id}', which {council.slug} does not have.",
                     "use the 'section:' id of one of this council's section files: "
                     f"{', '.join(s.id for s in council.sections) or '(none yet)'}.")
        return
    wizard.section = section
    section.wizards.append(wizard)


def _load_wizard(item, file, library: Library, problems: Problems,
                 extra: tuple[str, ...] = ()) -> Wizard | None:
    block = Block(item, file, problems, "a wizard",
                  ("id", "title", "topic", "asked_by", "asks", "start", "steps", "outcomes") + extra,
                  ("intro",))
    if not block.ok:
        return None
    wizard = Wizard(id=block.text("id"), title=block.text("title"), topic=block.text("topic"),
                    asked_by=block.text("asked_by"), start=block.text("start"), steps={},
                    outcomes={}, asks=block.text("asks"), intro=block.text("intro"), file=file)
    if wizard.asks and wizard.asks not in ASKS:
        block.problem(block.line_of("asks"), f"asks is '{wizard.asks}'.",
                      "write 'asks: yes-no' if the title asks a yes/no question (\"Can I ...?\"), "
                      "or 'asks: open' if it asks who, where, how or what.")
    if library.topics and wizard.topic not in library.topics:
        block.problem(block.line_of("topic"), f"unknown topic '{wizard.topic}'.",
                      f"use a topic from decision_trees/questions/: {', '.join(sorted(library.topics))}.")
    if wizard.asked_by not in ASKERS:
        block.problem(block.line_of("asked_by"), f"asked_by is '{wizard.asked_by}'.",
                      f"use one of {', '.join(ASKERS)}.")
    lines: dict[str, int] = {}
    for step_id, raw in block.mapping("steps").items():
        step_block = Block(raw, file, problems, f"step '{step_id}'", ("ask", "routes"),
                           line=block.mapping("steps").line_of(step_id))
        routes = {key: str(value) if value is not None else "" for key, value in step_block.mapping("routes").items()}
        wizard.steps[step_id] = Step(step_id, step_block.text("ask"), routes)
        lines[step_id] = step_block.line
        lines.update({f"{step_id}->{k}": step_block.mapping("routes").line_of(k) for k in routes})
    for outcome_id, raw in block.mapping("outcomes").items():
        out = Block(raw, file, problems, f"outcome '{outcome_id}'",
                    ("verdict", "headline", "answer", "contact", "cite"),
                    ("contact_note", "conditions", "next_steps", "time_limit", "silent", "due",
                     "election_period"),
                    line=block.mapping("outcomes").line_of(outcome_id))
        outcome = Outcome(outcome_id, out.text("verdict"), out.text("headline"), out.text("answer"),
                          out.texts("contact"), out.texts("cite"), out.text("contact_note"),
                          out.texts("conditions"), out.texts("next_steps"), out.text("time_limit"),
                          out.flag("silent"))
        outcome.due = _load_due(out, file, problems)
        outcome.election_period = load_election_period(out, outcome.cite, file, problems)
        if outcome.verdict and outcome.verdict not in VERDICTS:
            out.problem(out.line_of("verdict"), f"unknown verdict '{outcome.verdict}'.",
                        f"use one of {', '.join(VERDICTS)}.")
        for key in ("headline", "contact", "conditions", "silent"):
            lines[f"{key}:{outcome_id}"] = out.line_of(key)
        if "cite" in out.data and not outcome.cite:
            out.problem(out.line_of("cite"), f"outcome '{outcome_id}' cites no paragraph.",
                        "list the paragraph ids the answer rests on under 'cite:'.")
        wizard.outcomes[outcome_id] = outcome
        lines[outcome_id] = out.line
        lines[f"cite:{outcome_id}"] = out.line_of("cite")
    lines["start"] = block.line_of("start")
    lines["id"] = block.line_of("id")
    lines["wizard"] = block.line
    wizard.lines = lines
    return wizard



def _load_due(out: Block, file, problems: Problems) -> list[Due]:
    """An outcome's time limits as data: `due: [{days: 3, kind: working, what: ..., after: ...}]`."""
    if "due" not in out.data:
        return []
    if "time_limit" not in out.data:
        out.problem(out.line_of("due"), f"'due' in {out.what} has no 'time_limit' beside it.",
                    "add 'time_limit:' saying the limit in words (shown where no date can be worked out).")
    found = []
    for item in out.items("due"):
        limit = Block(item, file, problems, "a time limit under 'due'", ("days", "kind", "what", "after"),
                      line=line_of(item, out.line_of("due")))
        if not limit.ok:
            continue
        days, kind = str(limit.data.get("days", "")).strip(), limit.text("kind")
        if not (days.isdigit() and 1 <= int(days) <= 366):
            limit.problem(limit.line_of("days"), f"days is '{days}'.",
                          "write the number of days as digits, from 1 to 366 (for example 'days: 3').")
            continue
        if kind not in DUE_KINDS:
            limit.problem(limit.line_of("kind"), f"kind is '{kind}'.",
                          "write 'working' or 'calendar' as the source says; 'unspecified' where it says "
                          "\"days\" without saying which.")
            continue
        found.append(Due(int(days), kind, limit.text("what"), limit.text("after")))
    return found


def _check_council(council: Council, library: Library, problems: Problems) -> None:
    seen_paragraphs: dict[str, tuple[Path, int]] = {}
    seen_anchors: dict[str, str] = {}
    seen_sections: dict[str, Path] = {}
    seen_wizards: dict[str, Path] = {}
    for section in council.sections:
        if section.id in seen_sections:
            problems.add(section.file, 1, f"section '{section.id}' is also defined in "
                         f"{seen_sections[section.id].name}.", "give each section its own 'section:' id.")
        seen_sections[section.id] = section.file
        for paragraph in section.paragraphs:
            if paragraph.id in seen_paragraphs:
                where, line = seen_paragraphs[paragraph.id]
                problems.add(section.file, paragraph.line, f"paragraph id '{paragraph.id}' is already "
                             f"used in {where.name} line {line}.",
                             "keep the number exactly as the source has it, once; if the source "
                             "repeats a number, say so in a 'note:'.")
            elif paragraph.anchor in seen_anchors:
                problems.add(section.file, paragraph.line, f"paragraph id '{paragraph.id}' gives the "
                             f"same link anchor as '{seen_anchors[paragraph.anchor]}'.",
                             "make the ids differ in their letters or numbers.")
            seen_paragraphs[paragraph.id] = (section.file, paragraph.line)
            seen_anchors[paragraph.anchor] = paragraph.id
        for wizard in section.wizards:
            if wizard.id in seen_wizards:
                problems.add(wizard.file, wizard.lines["id"], f"wizard id '{wizard.id}' is "
                             f"also used in {seen_wizards[wizard.id].name}.",
                             "give each wizard of a council its own id.")
            seen_wizards[wizard.id] = wizard.file
    known = set(seen_paragraphs)
    if problems.unreadable_in(council.file.parent):
        known = _Anything()  # a section that could not be read may hold the cited paragraphs
    if not library.topics or problems.unreadable_in(library.root / "questions"):
        return  # every step's question would be reported missing: the bank's problem comes first
    for section in council.sections:
        for wizard in section.wizards:
            unoffered = check_fit(council, wizard, library.questions, problems)
            check_wizard(wizard, wizard.file, known, library.questions, problems, council.roles,
                         unoffered)


class _Anything(set):
    """Paragraph ids when a section could not be read: any citation may be right."""

    def __contains__(self, item) -> bool:
        return True
