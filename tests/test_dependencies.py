"""Installs are pinned and hash-checked, and known advisories' floors hold."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from packaging.version import Version

from tests.conftest import ROOT

LOCKS = sorted(ROOT.glob("requirements*.txt"))
FLOORS = {"pyyaml": Version("6.0.4"), "pymdown-extensions": Version("10.21.3")}


def pins(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every requirement in a lock file."""
    text = path.read_text().replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)\s*(.*)$", line)
        assert match, f"{path.name}: '{line[:60]}' is not pinned with =="
        name, version, rest = match.groups()
        found[name.lower()] = (version, re.findall(r"--hash=sha256:([0-9a-f]{64})", rest))
    return found


def test_every_requirement_is_pinned_with_hashes():
    assert {"requirements.txt", "requirements-dev.txt"} <= {p.name for p in LOCKS}
    for path in LOCKS:
        for name, (version, hashes) in pins(path).items():
            assert hashes, f"{path.name}: {name}=={version} has no hash"


def test_advisory_floors():
    runtime = pins(ROOT / "requirements.txt")
    for name, floor in FLOORS.items():
        assert Version(runtime[name][0]) >= floor, f"{name} {runtime[name][0]} is below {floor}"


def test_the_makefile_installs_with_require_hashes():
    makefile = (ROOT / "Makefile").read_text()
    installs = [line for line in makefile.splitlines() if "pip" in line and " install" in line]
    assert installs and all("--require-hashes" in line for line in installs), installs


def test_the_html_checker_is_pinned_and_installed_from_the_lockfile():
    """vnu-jar (tests/test_html.py) at an exact version, hash-checked from package-lock.json by `npm ci`,
    never with its install script (which would download a Java runtime)."""
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert package["devDependencies"] and not package.get("dependencies")
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+(\.\d+)*", version), f"{name} {version} is not an exact version"
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version and locked["integrity"].startswith("sha512-")
    texts = [ROOT / "Makefile", *(ROOT / ".github" / "workflows").glob("*.yml")]
    installs = re.compile(r"\bnpm (i|install|add|ci|update|up|exec)\b")
    npm = [line.strip() for path in texts for line in path.read_text().splitlines() if installs.search(line)]
    assert npm and all(re.search(r"\bnpm ci --ignore-scripts\b", line) for line in npm), npm
    assert "/node_modules/" in (ROOT / ".gitignore").read_text().splitlines()


def make_wheel(folder: Path) -> Path:
    """A minimal, valid wheel, so the hash check can be shown offline."""
    wheel = folder / "demo_pkg-1.0-py3-none-any.whl"
    files = {
        "demo_pkg/__init__.py": b"VALUE = 1\n",
        "demo_pkg-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.0\n",
        "demo_pkg-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{name},sha256={digest},{len(data)}")
        record.append("demo_pkg-1.0.dist-info/RECORD,,")
        archive.writestr("demo_pkg-1.0.dist-info/RECORD", "\n".join(record) + "\n")
    return wheel


def pip_install(tmp_path: Path, digest: str) -> subprocess.CompletedProcess:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"demo-pkg==1.0 --hash=sha256:{digest}\n")
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-index", "--require-hashes",
         "--find-links", str(tmp_path / "wheels"), "--target", str(tmp_path / "target"), "-r", str(requirements)],
        capture_output=True, text=True,
    )


def test_a_tampered_hash_fails_the_install(tmp_path: Path):
    (tmp_path / "wheels").mkdir()
    wheel = make_wheel(tmp_path / "wheels")
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    tampered = ("0" if good[0] != "0" else "1") + good[1:]
    refused = pip_install(tmp_path, tampered)
    assert refused.returncode != 0
    assert "THESE PACKAGES DO NOT MATCH THE HASHES" in refused.stderr
    assert not (tmp_path / "target/demo_pkg").exists()
    accepted = pip_install(tmp_path, good)
    assert accepted.returncode == 0, accepted.stderr
    assert (tmp_path / "target/demo_pkg/__init__.py").exists()
