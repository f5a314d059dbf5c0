"""Files that are not clean UTF-8 license texts: each gives a clear result, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

from opengrade.licenses.identify import READ_LIMIT, identify_file, identify_text

GRANT = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    'software and associated documentation files (the "Software"), to deal in the Software '
    "without restriction, including without limitation the rights to use, copy, modify, merge, "
    "publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons "
    "to whom the Software is furnished to do so, subject to the following conditions:\n\n"
    "The above copyright notice and this permission notice shall be included in all copies or "
    "substantial portions of the Software.\n\n"
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, '
    "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR "
    "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE "
    "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
    "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
    "DEALINGS IN THE SOFTWARE.\n"
)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(b"")
    result = identify_file(path)
    assert result.matches == ()
    assert result.problem is not None and result.problem.startswith("empty")


def test_whitespace_and_punctuation_only(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text("\n\n   ---  ***\n", encoding="utf-8")
    result = identify_file(path)
    assert result.matches == ()
    assert result.problem is not None and result.problem.startswith("empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(bytes(range(256)) * 64)
    result = identify_file(path)
    assert result.matches == ()
    assert result.problem is not None and result.problem.startswith("binary-file")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    for path in (tmp_path / "absent", tmp_path):
        result = identify_file(path)
        assert result.matches == ()
        assert result.problem is not None and result.problem.startswith("unreadable")


def test_hundred_megabytes_are_read_with_a_bound(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    with path.open("wb") as stream:
        stream.write(("MIT License\n\n" + GRANT).encode("utf-8"))
        filler = b"lorem ipsum dolor sit amet " * 40000
        for _ in range(100 * 1024 * 1024 // len(filler)):
            stream.write(filler)
    result = identify_file(path)
    assert [match.key for match in result.matches] == ["MIT"]
    assert result.problem is not None and result.problem.startswith("too-large")
    assert str(READ_LIMIT // 1024) in result.problem


def test_latin1_file(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    text = "MIT License\n\nCopyright (c) 2031 José Müller\n\n" + GRANT
    path.write_bytes(text.encode("latin-1"))
    result = identify_file(path)
    assert [match.key for match in result.matches] == ["MIT"]
    assert result.problem is not None and "Latin-1" in result.problem


def test_utf16_file_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(codecs.BOM_UTF16_LE + ("MIT License\n\n" + GRANT).encode("utf-16-le"))
    result = identify_file(path)
    assert [match.key for match in result.matches] == ["MIT"]
    assert result.problem is not None and "UTF-16" in result.problem


def test_utf8_with_byte_order_mark_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(codecs.BOM_UTF8 + GRANT.encode("utf-8"))
    result = identify_file(path)
    assert [match.key for match in result.matches] == ["MIT"]
    assert result.problem is None


def test_unrelated_prose_is_unknown() -> None:
    text = "\n".join(
        f"Paragraph {n}: the training run used a cosine schedule and a batch of 512 sequences."
        for n in range(40)
    )
    result = identify_text(text)
    assert result.matches == ()
    assert result.problem is None
