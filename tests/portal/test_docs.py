"""The README's promises stay true."""

from __future__ import annotations

from pathlib import Path

from demo.seed import ACCOUNTS, DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_lists_every_demo_account_and_the_password() -> None:
    readme = (ROOT / "README.md").read_text()
    assert DEMO_PASSWORD in readme
    missing = [account.email for account in ACCOUNTS if f"`{account.email}`" not in readme]
    assert not missing, missing


def test_the_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
