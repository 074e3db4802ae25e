"""``attribution extract``: the interface other tools depend on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from attribution.cli import main

ARTICLE = "“It’s gutless leadership,” Warren said. Stumpf said that sales had fallen."


def test_extract_file_prints_quotes_with_exact_offsets(analyse, tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    quotes = printed["quotes"]
    assert printed["unattributed"] == []  # both quotations have a speaker
    assert {q["kind"] for q in quotes} == {"direct", "indirect"}
    for q in quotes:
        assert ARTICLE[q["start"]:q["end"]] == q["text"]
        assert set(q) >= {"start", "end", "text", "kind", "speaker", "cue", "chain", "confidence"}
        assert 0 <= q["confidence"] <= 1


def test_extract_reads_stdin(analyse):
    result = CliRunner().invoke(main, ["extract", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    speakers = [q["speaker"]["text"] for q in json.loads(result.output)["quotes"]]
    assert speakers == ["Warren", "Stumpf"]


def test_jsonl_bad_line_is_named_and_the_rest_still_processed(analyse, tmp_path: Path):
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": ARTICLE}) + "\n"
        + "{not json\n"
        + json.dumps({"text": "no id"}) + "\n"
        + json.dumps({"id": "b", "text": "Nobody is quoted here."}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", "--jsonl", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{src}:2: not valid JSON" in result.output
    assert f'{src}:3: missing "id"' in result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert len(lines[0]["quotes"]) == 2 and lines[1]["quotes"] == []


def test_missing_models_name_the_directory_and_the_fix(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(main, ["extract", "-"], input="text")
    assert result.exit_code == 1
    assert str(tmp_path / "nowhere") in result.output
    assert "attribution models download" in result.output
