"""The Streamlit settings readers get (.streamlit/config.toml)."""
import tomllib
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def test_readers_get_no_deploy_button_and_no_developer_menu():
    settings = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert settings["client"]["toolbarMode"] == "viewer"


def test_uploads_are_not_committed():
    ignored = (CONFIG.parents[1] / ".gitignore").read_text(encoding="utf-8").split()
    assert "data/uploads/" in ignored or "data/*" in ignored
