"""Documents written to attack whoever reads them, and a ``data/`` folder extracted from them.

Each payload would run a script, open a dialog, set ``window.__xss``, make a
``javascript:`` link or turn into Streamlit markup if the dashboard let it
through. The folder is made by the real extraction (``extractors.pipeline``),
so the hostile text reaches the rows the way it would in use: as article
titles, sentences and file names.
"""
from __future__ import annotations

import json
from pathlib import Path

TITLE = ("<script>window.__xss=1</script>**粗体标题** :red[红字] $$x^2$$ "
         "[点我](javascript:window.__xss=2) &lt;i&gt; :material/home: :smile: _斜体_ ~~删除~~ "
         "www.evil.example https://evil.example a@evil.example")
SENTENCE = ('<img src=x onerror="window.__xss=3;alert(3)">2024年，上城区地区生产总值2803.5亿元，增长4.8%。'
            "[点我](javascript:alert(4)) :red[红字] $$E=mc^2$$ **粗体** <svg onload=\"window.__xss=5\"></svg>")
OTHER_TITLE = '[链接](javascript:window.__xss=6) <iframe src="javascript:window.__xss=7"></iframe>'
OTHER_SENTENCE = "2024年，上城区地区生产总值2803.5亿元。<script>window.__xss=8;alert(8)</script>"
FORMULA_SENTENCE = '=HYPERLINK("http://evil.example","点我")+上城区新设企业超2000家。'

# File names are hostile too; these two are legal on Linux.
HOSTILE_FILE = "<img src=x onerror=alert(9)>[点我](javascript:alert(9)) **粗**.txt"
OTHER_FILE = "=cmd|' calc'!A0 $$y$$.txt"

DOCUMENTS = {
    HOSTILE_FILE: f"# {TITLE}\n\n{SENTENCE}\n",
    OTHER_FILE: f"# {OTHER_TITLE}\n\n{FORMULA_SENTENCE}\n\n{OTHER_SENTENCE}\n",
}
# The manifest line of the hostile file: its publisher and URL are hostile as well.
MANIFEST = {"source_file": HOSTILE_FILE, "publisher": "**发布者** <b>粗</b> :blue[蓝]",
            "url": "javascript:window.__xss=10"}
# Markup each payload must keep: shown as these characters, never rendered.
LITERALS = ("<script>window.__xss=1</script>", "**粗体标题**", ":red[红字]", "$$x^2$$",
            "[点我](javascript:window.__xss=2)", "&lt;i&gt;", ":material/home:", ":smile:", "_斜体_", "~~删除~~",
            "www.evil.example", "https://evil.example", "a@evil.example")


def write_hostile_seeds(seeds_dir: Path) -> list[Path]:
    seeds_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in DOCUMENTS.items():
        path = seeds_dir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (seeds_dir / "manifest.jsonl").write_text(json.dumps(MANIFEST, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


def extract_hostile_data(seeds_dir: Path, data_dir: Path) -> Path:
    """``data_dir`` as ``make extract`` would write it from the hostile seeds (newer than them)."""
    from extractors.run.pipeline import extract_paths

    summary = extract_paths(write_hostile_seeds(seeds_dir), data_dir)
    assert summary.ok and summary.observations, summary
    return data_dir
