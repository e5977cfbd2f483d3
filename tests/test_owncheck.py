"""The own-words rule against a council's own source: 12-word runs are reported with their file
and line; a title quoted whole from the document is allowed; the expected-id list is enforced."""
from types import SimpleNamespace

from generator.owncheck import check_council_text, expected_id_problems
from generator.problems import Problems

SOURCE = ("Relationship between the Chair and Members of the Scrutiny Committee and the Officers "
          "of the Council. Members must not ask officers to do party political work at any time "
          "of the year.")


def council(tmp_path, section_text, council_extra=""):
    folder = tmp_path / "decision_trees" / "testshire"
    folder.mkdir(parents=True)
    (folder / "source.txt").write_text(SOURCE)
    (folder / "council.yaml").write_text(f"name: Testshire\nsource: source.txt\n{council_extra}")
    (folder / "01-scrutiny.yaml").write_text(section_text)
    return tmp_path / "decision_trees"


def test_a_copied_run_is_reported_with_its_line(tmp_path):
    trees = council(tmp_path, 'section: "1"\ntitle: Scrutiny\nparagraphs:\n  - id: "1.1"\n    summary: >\n'
                              "      Members must not ask officers to do party political work at any time\n")
    found = [str(p) for p in check_council_text(trees, ["testshire"])]
    assert len(found) == 1 and found[0].startswith("decision_trees/testshire/01-scrutiny.yaml:6: 13 words")


def test_a_run_shorter_than_twelve_words_is_not_a_copy(tmp_path):
    trees = council(tmp_path, "summary: Members must not ask officers to do party political work, ever\n")
    assert check_council_text(trees, ["testshire"]) == []


def test_a_title_quoted_whole_is_allowed_and_an_unquoted_one_is_not(tmp_path):
    title = "Relationship between the Chair and Members of the Scrutiny Committee and the Officers"
    quoted = council(tmp_path / "a", f'section: "7"\ntitle: "“{title}”"  # quoted from the document\n')
    assert check_council_text(quoted, ["testshire"]) == []
    plain = council(tmp_path / "b", f'section: "7"\ntitle: {title}\n')
    assert len(check_council_text(plain, ["testshire"])) == 1


def test_a_council_without_its_source_here_is_not_checked(tmp_path):
    trees = council(tmp_path, "summary: Members must not ask officers to do party political work at any time\n")
    (trees / "testshire" / "source.txt").unlink()
    assert check_council_text(trees, ["testshire"]) == []


def test_ids_missing_from_the_yaml_and_ids_the_list_lacks(tmp_path):
    trees = council(tmp_path, "", "expected_ids: ids.txt\n")
    (trees / "testshire" / "ids.txt").write_text("# the source's ids\n1.1\n1.2\n")
    section = SimpleNamespace(file=trees / "testshire" / "01-scrutiny.yaml")
    paragraphs = {"1.1": SimpleNamespace(section=section, line=4),
                  "1.3": SimpleNamespace(section=section, line=9)}
    problems = Problems(trees)
    expected_id_problems(trees / "testshire", paragraphs, problems)
    found = [str(p) for p in problems.sorted()]
    assert any("paragraph 1.2 of the expected-id list" in p for p in found)
    assert any(p.startswith("decision_trees/testshire/01-scrutiny.yaml:9: paragraph 1.3 is not") for p in found)
    assert len(found) == 2
