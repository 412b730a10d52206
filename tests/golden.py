"""Regenerate the golden Markdown of the fixture site: `make golden`, then review the diff."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.build import Generated, generate
from tests.conftest import FIXTURE, ROOT, TODAY

GOLDEN = ROOT / "tests" / "fixtures" / "golden"


def generate_fixture(out: Path) -> Generated:
    """The fixture site's Markdown, from a copy of its records outside any git repository: the
    history pages then say the history is unknown, whatever this repository's history is."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(FIXTURE, content)
        return generate(content, ROOT / "site_config.yml", out, TODAY, cached=False)


def main() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    result = generate_fixture(GOLDEN)
    if result.site is None:
        print("\n".join(map(str, result.diagnostics)), file=sys.stderr)
        return 1
    print(f"wrote {len(result.changed)} files to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
