"""Each council's files keep to their own words against that council's own source (council.yaml
`source:`), whether or not the source is one of the five in ../shared/seeds."""
import pytest

from councils import SLUGS, TREES, keys, path_of
from generator.owncheck import check_council_text


@pytest.mark.parametrize("slug", SLUGS)
def test_no_run_of_twelve_words_from_its_own_source(slug):
    source = path_of(slug, "source")
    if source is None or not source.is_file():
        pytest.skip(f"{slug}: its source ({keys(slug)['source'] or 'no source:'}) is not on this machine")
    found = [str(p) for p in check_council_text(TREES, [slug])]
    # Another author's draft may be mid-edit; what matters is that a copied run is reported.
    assert found == [], "\n".join(found)
