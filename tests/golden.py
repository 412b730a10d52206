"""Regenerate the golden Markdown of the fixture site: `make golden`, then review the diff."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.build import generate
from tests.conftest import FIXTURE, ROOT, TODAY

GOLDEN = ROOT / "tests" / "fixtures" / "golden"


def main() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    result = generate(FIXTURE, ROOT / "site_config.yml", GOLDEN, TODAY, cached=False)
    if result.site is None:
        print("\n".join(map(str, result.diagnostics)), file=sys.stderr)
        return 1
    print(f"wrote {len(result.changed)} files to {GOLDEN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
