"""Write src/hikicli/content/words_snapshot.json: the files hiki reads its own words from by key
(content/<lang>/messages.yaml and help.yaml, hikicli.content.messages), parsed, each with the
CRC-32 of the bytes it was parsed from. A home that has no parsed copy yet (a new user's first
commands, an import into a new profile) reads its words from there instead of importing and
running the YAML parser (~35 ms); a file whose bytes differ from the snapshot's is parsed as
before, so a stale snapshot costs only time. Run after editing either file;
tests/test_words_snapshot.py fails while the snapshot is out of date."""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

from hikicli.content.catalog import content_root
from hikicli.content.messages import SNAPSHOT, SNAPSHOT_FILES
from hikicli.content.yamlload import parse_file

OUT = Path(__file__).resolve().parents[1] / "src" / "hikicli" / "content" / SNAPSHOT


def render() -> str:
    files = {}
    for folder in sorted(p for p in content_root().iterdir() if (p / "messages.yaml").exists()):
        for name in SNAPSHOT_FILES:
            path = folder / f"{name}.yaml"
            if not path.exists():
                continue
            data = parse_file(path).data
            if json.loads(json.dumps(data)) != data:  # only what JSON keeps exactly
                continue
            raw = path.read_bytes()
            files[f"{folder.name}/{name}"] = {
                "crc": zlib.crc32(raw),
                "size": len(raw),
                "data": data,
            }
    return json.dumps(files, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
