"""The pre-commit hook runs the checker when records change."""

from __future__ import annotations

import re
import subprocess

import yaml

from tests.conftest import ROOT


def test_hook_runs_check_on_changed_records():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "check-records"]
    assert hook["entry"] == ".venv/bin/python -m generator check"
    assert hook["pass_filenames"] is False and hook["language"] == "system"
    pattern = re.compile(hook["files"])
    for path in ("content/explainers/who-says-pokrovsk-fell.yml", "content/actors/isw.yml", "content/pages/about.md",
                 "site_config.yml"):
        assert pattern.search(path), path
    assert not pattern.search("generator/load.py")
    result = subprocess.run(hook["entry"].split(), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
