"""Every message the generator can show an editor, as templates ('…' stands for a value), read from the code."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
REPORTERS = {"error": 1, "warning": 1, "fail": 1}  # function name -> index of the message argument; the rule follows it


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    return None


def _reports() -> list[tuple[str, ast.Call, int]]:
    """(module, call, index of the message) for every call of error(), warning() or ctx.fail()."""
    found = []
    for path in sorted(GENERATOR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            index = REPORTERS.get(name)
            if index is not None and len(node.args) > index:
                found.append((path.name, node, index))
    return found


def messages() -> list[tuple[str, str]]:
    """(module, template) for every literal message passed to error(), warning() or ctx.fail()."""
    found = []
    for module, call, index in _reports():
        template = _template(call.args[index])
        if template is not None:
            found.append((module, template))
    return found


def rules() -> list[tuple[str, str | None]]:
    """(module, rule id) of every error(), warning() or ctx.fail() call; None where the rule is not
    written out as a literal (so it cannot be checked against the guide)."""
    found = []
    for module, call, index in _reports():
        rule = call.args[index + 1] if len(call.args) > index + 1 else None
        if isinstance(rule, ast.Name) and rule.id == "rule":
            continue  # a reporter handing on its own caller's rule (ctx.fail)
        found.append((module, rule.value if isinstance(rule, ast.Constant) and isinstance(rule.value, str) else None))
    return found


if __name__ == "__main__":
    for module, template in messages():
        print(f"{module}: {template}")
    for module, rule in sorted(set(rules())):
        print(f"{module}: [{rule}]")
