"""The pages' shared phrases (templates/words.yaml), read once for every module that writes words."""
from __future__ import annotations

from pathlib import Path

import yaml

WORDS: dict = yaml.safe_load((Path(__file__).parent / "templates" / "words.yaml").read_text("utf-8"))
