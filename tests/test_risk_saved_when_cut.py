"""A risk answer is saved however the showing of help ends: here the reader of hiki's output
goes away after a few bytes (`hiki ... | head -5`), so printing the crisis block fails with a
closed pipe. The audit saw a parent's "not safe" lost that way (0 of 3 tries saved)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOT_SAFE = [
    "checkin", "--mood", "1", "--anxiety", "1", "--energy", "1", "--sleep", "1",
    "--outside", "0", "--contact", "none", "--safe", "no",
]  # fmt: skip
ITEM_9_AT_3 = ["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3"]


def hiki() -> str:
    return str(Path(sys.executable).with_name("hiki"))


def cut_short(home: Path, args: list[str]) -> None:
    """Run hiki with its output read for a moment, then the pipe closed (as `| head -1`)."""
    env = {"HIKI_HOME": str(home), "PATH": os.defpath, "COLUMNS": "80", "LANG": "en_US.UTF-8"}
    child = subprocess.Popen(
        [hiki(), *args], env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    assert child.stdout is not None
    child.stdout.read(20)
    child.stdout.close()
    child.wait(timeout=60)


def signals(log: Path) -> list[dict]:
    lines = [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []
    return [e["data"] for e in lines if e.get("kind") == "risk.signal"]


@pytest.mark.parametrize("profile", ["default", "mum"])
def test_a_not_safe_answer_is_saved_when_the_output_is_cut(tmp_path: Path, profile: str):
    if profile != "default":
        subprocess.run([hiki(), "family", "start", profile], env={"HIKI_HOME": str(tmp_path)},
                       capture_output=True, check=True)  # fmt: skip
    args = NOT_SAFE if profile == "default" else ["--profile", profile, *NOT_SAFE]
    for _ in range(3):
        cut_short(tmp_path, args)
    saved = signals(tmp_path / "profiles" / profile / "log.jsonl")
    assert len(saved) == 3
    assert all(s["answer"] == "no" and s["source"] == "checkin" for s in saved)


def test_phq9_item_9_is_saved_when_the_output_is_cut(tmp_path: Path):
    cut_short(tmp_path, ITEM_9_AT_3)
    saved = signals(tmp_path / "profiles" / "default" / "log.jsonl")
    assert len(saved) == 1 and saved[0]["source"] == "instrument"
