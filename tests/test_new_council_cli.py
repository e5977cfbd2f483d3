"""new-council, import and check --source refuse bad input with one line saying what to do."""
import shutil

from conftest import FIXTURES, ROOT
from generator.cli import main


def trees_copy(tmp_path):
    trees = tmp_path / "decision_trees"
    for name in ("questions", "tags.yaml"):
        source = ROOT / "decision_trees" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, trees / name)
    return trees


def test_a_slug_with_spaces_or_capitals_is_refused_with_the_fix(tmp_path, capsys):
    trees = trees_copy(tmp_path)
    assert main(["--trees", str(trees), "new-council", "Gloucestershire CC", "--name", "G"]) == 2
    out = capsys.readouterr().out
    assert "'Gloucestershire CC'" in out and "Fix:" in out and "gloucestershire-cc" in out
    assert not (trees / "Gloucestershire CC").exists()


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    trees = trees_copy(tmp_path)
    assert main(["--trees", str(trees), "new-council", "testshire", "--name", "Testshire"]) == 0
    council = (trees / "testshire" / "council.yaml").read_text()
    assert main(["--trees", str(trees), "new-council", "testshire", "--name", "Other"]) == 2
    assert "already exists" in capsys.readouterr().out
    assert (trees / "testshire" / "council.yaml").read_text() == council


def test_every_skeleton_answer_is_silent_and_names_the_adviser(tmp_path):
    trees = trees_copy(tmp_path)
    main(["--trees", str(trees), "new-council", "testshire", "--name", "Testshire",
          "--adviser-key", "clerk", "--adviser", "Parish Clerk"])
    pages = sorted((trees / "testshire" / "wizards").glob("*.yaml"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text()
        assert text.count("silent: true") == text.count("verdict:") > 0
        assert text.count("contact: clerk") == text.count("verdict:")


def test_import_into_a_missing_council_or_from_a_missing_file(tmp_path, capsys):
    trees = trees_copy(tmp_path)
    assert main(["--trees", str(trees), "import", "nowhere", str(FIXTURES / "new-council" / "protocol.txt")]) == 2
    assert "new-council nowhere" in capsys.readouterr().out
    main(["--trees", str(trees), "new-council", "testshire", "--name", "Testshire"])
    assert main(["--trees", str(trees), "import", "testshire", str(tmp_path / "none.txt")]) == 2
    assert "does not exist" in capsys.readouterr().out


def test_import_refuses_to_overwrite_section_files(tmp_path, capsys):
    trees = trees_copy(tmp_path)
    main(["--trees", str(trees), "new-council", "testshire", "--name", "Testshire"])
    source = str(FIXTURES / "new-council" / "protocol.txt")
    assert main(["--trees", str(trees), "import", "testshire", source]) == 0
    assert main(["--trees", str(trees), "import", "testshire", source]) == 2
    assert "already exists" in capsys.readouterr().out


def test_check_source_without_a_council_to_match_asks_for_one(tmp_path, capsys):
    trees = trees_copy(tmp_path)
    for slug in ("one", "two"):
        main(["--trees", str(trees), "new-council", slug, "--name", slug])
    text = tmp_path / "protocol.txt"
    text.write_text("Some protocol text.")
    assert main(["--trees", str(trees), "check", "--source", str(text)]) == 2
    assert "--council" in capsys.readouterr().err


def test_silent_with_a_yes_verdict_is_refused_at_its_line(tmp_path, capsys):
    from conftest import make_trees
    trees = make_trees(tmp_path)
    section = trees / "testshire" / "01-complaints.yaml"
    lines = section.read_text().splitlines(keepends=True)
    at = next(i for i, l in enumerate(lines) if l.strip() == "verdict: yes")
    lines.insert(at + 1, lines[at].replace("verdict: yes", "silent: true"))
    section.write_text("".join(lines))
    assert main(["--trees", str(trees), "check"]) == 1
    err = capsys.readouterr().err
    assert f"decision_trees/testshire/01-complaints.yaml:{at + 2}: " in err and "silent: true" in err
