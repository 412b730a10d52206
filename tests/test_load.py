"""The loader: libyaml events to located nodes, refusing what YAML should not do in a record."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import check
from generator.load import MAX_BYTES, Mapping, Scalar, parse, read_file
from tests.conftest import MINIMAL, TODAY, write_config, write_content

X = "content/explainers/who-says-x.yml"


def test_scalars_stay_as_written():
    root, diagnostics = parse("a: no\nb: 0777\nc: 12:30\nd: 2025-12-01\ne: 0x1F\nf: ~\ng: 1e3\n", "f.yml")
    assert diagnostics == []
    assert [(k.value, v.value) for k, v in root.entries] == [
        ("a", "no"), ("b", "0777"), ("c", "12:30"), ("d", "2025-12-01"), ("e", "0x1F"), ("f", "~"), ("g", "1e3"),
    ]


def test_locations_are_one_based():
    root, _ = parse("# comment\nquestion:  Who?\n", "f.yml")
    key, value = root.entries[0]
    assert (key.loc.line, key.loc.column, value.loc.line, value.loc.column) == (2, 1, 2, 12)


def test_quoted_and_plain_scalars_are_told_apart():
    root, _ = parse('a: true\nb: "true"\n', "f.yml")
    assert [v.plain for _, v in root.entries] == [True, False]


def test_duplicate_key_names_both_lines(problems):
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: government\nname: Kremlin again\naffiliation: russia\n"}) == [
        "content/actors/kremlin.yml:3:1: error: duplicate key 'name' (first defined on line 1) [duplicate-key]"
    ]


def test_nested_duplicate_key(problems):
    text = "name: Kremlin\nkind: government\naffiliation: russia\nname2:\n  en: a\n  en: b\n"
    assert problems({"actors/kremlin.yml": text}) == [
        "content/actors/kremlin.yml:4:1: error: unknown key 'name2' in actor (did you mean 'name'?) [unknown-key]",
        "content/actors/kremlin.yml:6:3: error: duplicate key 'en' (first defined on line 5) [duplicate-key]",
    ]


def test_anchors_aliases_and_merge_keys_are_refused():
    _, diagnostics = parse("a: &x {b: 1}\nc: *x\nd:\n  <<: {e: 1}\n", "f.yml")
    assert [str(d) for d in diagnostics] == [
        "f.yml:1:4: error: anchors are not allowed ('&x'); write the value out [yaml-anchor]",
        "f.yml:2:4: error: aliases are not allowed ('*x'); write the value out [yaml-alias]",
        "f.yml:4:3: error: merge keys ('<<') are not allowed; write the keys out [yaml-merge-key]",
    ]


def test_alias_bomb_is_refused_without_expanding():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    root, diagnostics = parse("\n".join(lines), "f.yml")
    assert root is None
    assert str(diagnostics[0]) == "f.yml:1:5: error: anchors are not allowed ('&a0'); write the value out [yaml-anchor]"


def test_tags_are_refused():
    _, diagnostics = parse("a: !!python/object/apply:os.system [ls]\nb: !!str x\n", "f.yml")
    assert [str(d) for d in diagnostics] == [
        "f.yml:1:4: error: tags are not allowed ('!!python/object/apply:os.system'); remove it [yaml-tag]",
        "f.yml:2:4: error: tags are not allowed ('!!str'); remove it [yaml-tag]",
    ]


def test_deep_nesting_is_a_located_error():
    depth = 5000
    root, diagnostics = parse("a: " + "[" * depth + "]" * depth + "\n", "f.yml")
    assert root is None
    assert [str(d) for d in diagnostics] == [
        "f.yml:1:1003: error: invalid YAML: exceeded maximum nesting depth (while increasing flow level) [yaml-syntax]"
    ]
    root, diagnostics = parse("a: " + "[" * 500 + "]" * 500 + "\n", "f.yml")
    assert diagnostics == [] and isinstance(root, Mapping)


def test_tab_indentation(problems):
    assert problems({"actors/kremlin.yml": "name: Kremlin\n\tkind: government\naffiliation: russia\n"}) == [
        "content/actors/kremlin.yml:2:1: error: invalid YAML: a tab character in the indentation [yaml-syntax]"
    ]


def test_several_documents(problems):
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: government\naffiliation: russia\n---\nname: B\n"}) == [
        "content/actors/kremlin.yml:4:1: error: a record file holds one YAML document;"
        " remove the '---' and what follows or move it to its own file [several-documents]"
    ]


def test_empty_comment_only_and_list_files(problems):
    assert problems(
        {"actors/kremlin.yml": "# nothing here\n", "actors/general-staff.yml": "- name: General Staff\n"}
    ) == [
        "content/actors/general-staff.yml:1:1: error: a record must be a mapping of keys to values, not a list [not-a-mapping]",
        "content/actors/kremlin.yml:1:1: error: file is empty; a record is a mapping of keys to values [empty-file]",
    ]


def test_encodings(problems):
    utf16 = "name: Kremlin\n".encode("utf-16")
    latin1 = "name: Kremlin\nkind: government\naffiliation: russia\ndescription: caf\xe9\n".encode("latin-1")
    assert problems({"actors/kremlin.yml": utf16, "actors/general-staff.yml": latin1}) == [
        "content/actors/general-staff.yml:4:17: error: invalid UTF-8 byte 0xe9; save the file as UTF-8 [not-utf8]",
        "content/actors/kremlin.yml:1:1: error: file is UTF-16; save it as UTF-8 [not-utf8]",
    ]


def test_utf8_byte_order_mark_is_accepted(problems):
    assert problems({"actors/kremlin.yml": "\ufeffname: Kremlin\nkind: government\naffiliation: russia\n".encode()}) == [
    ]


def test_control_characters_are_located(problems):
    assert problems({"actors/kremlin.yml": "name: Krem\x00lin\nkind: government\naffiliation: russia\n"}) == [
        "content/actors/kremlin.yml:1:11: error: invalid YAML: control characters are not allowed [yaml-syntax]"
    ]


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "big.yml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    file, data, diagnostics = read_file("actors", path, "big.yml")
    assert file.root is None and data is None
    assert [str(d) for d in diagnostics] == [
        f"big.yml:1:1: error: file is {MAX_BYTES + 4:,} bytes; records are limited to {MAX_BYTES:,} bytes [file-too-large]"
    ]


def test_wrong_extension(problems):
    assert problems({"actors/kremlin.yaml": "name: x\n"})[0] == (
        "content/actors/kremlin.yaml:1:1: error: 'kremlin.yaml' is not a record file; records end in .yml"
        " (rename it to .yml) [not-a-record-file]"
    )


def test_scalar_key_types():
    _, diagnostics = parse("? [a, b]\n: c\n", "f.yml")
    assert [str(d) for d in diagnostics] == ["f.yml:1:3: error: a key must be text, not a list [key-not-text]"]
    assert isinstance(parse("a: b", "f.yml")[0].entries[0][1], Scalar)


def test_unreadable_files_are_located_problems(tmp_path: Path, monkeypatch):
    """A dangling symbolic link or any other OSError is a problem with that file, never a traceback."""
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path, MINIMAL)
    (content / "actors/gone.yml").symlink_to("missing.yml")
    (content / "sources/loop.yml").symlink_to("loop.yml")
    (content / "pages").mkdir()
    (content / "pages/notes.md").symlink_to("nowhere.md")
    _, diagnostics = check(Path("content"), write_config(tmp_path), TODAY)
    assert [str(d) for d in diagnostics] == [
        "content/actors/gone.yml:1:1: error: cannot read the file: it is a link to 'missing.yml', which does not exist"
        " [unreadable-file]",
        "content/pages/notes.md:1:1: error: cannot read the file: it is a link to 'nowhere.md', which does not exist"
        " [unreadable-file]",
        "content/sources/loop.yml:1:1: error: cannot read the file: Too many levels of symbolic links [unreadable-file]",
    ]


# Common YAML mistakes, what libyaml says about them (in brackets) and what the editor is told.
SYNTAX = [
    ("an unquoted ': ' in a quote [mapping values are not allowed in this context]",
     "statements:\n  - by: x\n    quote: He said: it fell\n",
     "f.yml:3:19: error: invalid YAML: a ': ' inside unquoted text starts a new key [yaml-syntax]",
     'put the text in quotes: `quote: "He said: it fell"`'),
    ("a key indented too far [mapping values are not allowed in this context]",
     "statements:\n  - by: x\n    stance: y\n      source: z\n",
     "f.yml:4:7: error: invalid YAML: 'source' is indented more than 'stance' above it, so it reads as part of its"
     " text [yaml-syntax]",
     "start 'source' at column 5, like 'stance' on line 3"),
    ("a key not indented enough [did not find expected '-' indicator]",
     "statements:\n  - by: x\n   stance: y\n",
     "f.yml:3:4: error: invalid YAML: 'stance' is not indented like the keys of the list item above [yaml-syntax]",
     "start it at column 5, like 'by' on line 2"),
    ("a missing '-' [did not find expected '-' indicator]",
     "statements:\n  - by: x\n    stance: y\n  by: z\n",
     "f.yml:4:3: error: invalid YAML: 'by' is at the column of the list's '-' without one [yaml-syntax]",
     "to start a new list item, write `- by: z`; to continue the item above, start it at column 5, like 'stance'"
     " on line 3"),
    ("a list item without its '-' [could not find expected ':']",
     "tags:\n  - a\n  b\n",
     "f.yml:3:3: error: invalid YAML: 'b' is neither a key nor a list item [yaml-syntax]",
     "write `- b` to make it an item of the list above, or `b: ...` to make it a key"),
    ("an indentation matching no key [did not find expected key]",
     "statements:\n- by: x\n  stance: y\n source: z\n",
     "f.yml:4:2: error: invalid YAML: 'source' is not indented like any key above it [yaml-syntax]",
     "start it at column 3, like 'stance' on line 3, or at column 1, like 'statements' on line 1"),
    ("a tab [found a tab character that violates indentation]",
     "name: x\n\tkind: y\n",
     "f.yml:2:1: error: invalid YAML: a tab character in the indentation [yaml-syntax]",
     "indent with spaces, not tabs"),
    ("text after a quoted part [did not find expected key]",
     'quote: "Krasnoarmeysk" is liberated\n',
     "f.yml:1:24: error: invalid YAML: text after the closing quote [yaml-syntax]",
     "put the text in quotes: `quote: '\"Krasnoarmeysk\" is liberated'`"),
    ("text starting with '*' [while scanning an alias]",
     "summary: *Likely*, not confirmed.\n",
     "f.yml:1:10: error: invalid YAML: text cannot start with '*' unless it is quoted [yaml-syntax]",
     'put the text in quotes: `summary: "*Likely*, not confirmed."`'),
    ("a quote never closed [found unexpected end of stream]",
     'quote: "He said it\nsource: x\n',
     "f.yml:1:8: error: invalid YAML: the quote opened here is never closed [yaml-syntax]",
     'end the text with "'),
    ("no space after a key's ':' [mapping values are not allowed in this context]",
     "name:Kremlin\nkind: person\n",
     "f.yml:2:5: error: invalid YAML: 'name:' on the line above needs a space after the ':' [yaml-syntax]",
     "write `name: Kremlin`"),
]


@pytest.mark.parametrize("case, text, expected, help", SYNTAX, ids=[c[0].split(" [")[0] for c in SYNTAX])
def test_syntax_errors_in_plain_words(case, text, expected, help):
    _, diagnostics = parse(text, "f.yml")
    assert [(str(d), d.help) for d in diagnostics] == [(expected, help)]
