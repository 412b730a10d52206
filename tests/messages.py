"""Every message the generator can show an editor, as templates ('…' stands for a value), read from the code."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
REPORTERS = {"error": 1, "warning": 1, "fail": 1}  # function name -> index of the message argument


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    return None


def messages() -> list[tuple[str, str]]:
    """(module, template) for every literal message passed to error(), warning() or ctx.fail()."""
    found = []
    for path in sorted(GENERATOR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            index = REPORTERS.get(name)
            if index is None or len(node.args) <= index:
                continue
            template = _template(node.args[index])
            if template is not None:
                found.append((path.name, template))
    return found


if __name__ == "__main__":
    for module, template in messages():
        print(f"{module}: {template}")
