"""Deployment settings, CSP, migrations and the health check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check() -> None:
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="p" * 20 + "-production-secret-for-the-check-0123456789",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**env, "DJANGO_ENV": "production", "ALLOWED_HOSTS": "x"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_development_settings_are_not_production_settings() -> None:
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0  # DEBUG on, no HTTPS: the check must complain


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration() -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_pages_carry_a_csp_with_a_nonce(db, client) -> None:
    response = client.get(reverse("account_login"))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce and "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert f'nonce="{nonce.group(1)}"' in response.content.decode()


def test_no_inline_script_without_the_nonce() -> None:
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"<script\b[^>]*>", template.read_text()):
            if "src=" not in tag and "nonce=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{template.relative_to(ROOT)}: {tag}")
    assert not offenders, offenders


def test_no_inline_style_attributes_or_event_handlers() -> None:
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        if "email" in template.parent.parts:
            continue  # HTML emails need inline styles (mail clients drop <style>); CSP is for pages
        text = template.read_text()
        for match in re.findall(r"\s(style|on[a-z]+)=\"", text):
            offenders.append(f"{template.relative_to(ROOT)}: {match}")
    assert not offenders, offenders


def test_healthz_reports_database_and_redis(db, client) -> None:
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["redis"] == "ok"


def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    script = (
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code); print(r.json()['database'])"
    )
    result = _run_manage("shell", "--no-imports", "-c", script, DATABASE_URL="postgres://postgres@127.0.0.1:1/nowhere")
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "503", result.stdout + result.stderr
    assert lines[1].startswith("unavailable")


def test_healthz_says_when_redis_is_down(db) -> None:
    from django.db import connection

    test_db = connection.settings_dict
    database_url = f"postgres://{test_db['USER']}@{test_db['HOST']}:{test_db['PORT']}/{test_db['NAME']}"
    script = "from django.test import Client; r = Client().get('/healthz'); print(r.status_code, r.json()['redis'])"
    result = _run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DATABASE_URL=database_url,
        REDIS_URL="redis://127.0.0.1:1/0",
        CACHE_BACKEND="database",
    )
    assert result.stdout.strip().startswith("200 unavailable"), result.stdout + result.stderr


def test_error_pages_are_friendly(db, client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "advice"),
    [
        ("national", "national network team"),
        ("council_officer_a", "your regional IR lead"),
        ("provider_staff_a", "your organisation's portal administrator"),
        ("recruit_user_a", "ask your hub"),
    ],
)
def test_the_403_page_says_whom_to_ask_for_the_role(who: str, advice: str, cast, client) -> None:
    client.force_login(getattr(cast, who))
    response = client.get(reverse("invitation_new"))
    assert response.status_code == 403
    assert advice in response.content.decode().replace("&#x27;", "'")


def test_the_403_page_never_sends_a_national_user_to_a_regional_lead(cast, client) -> None:
    client.force_login(cast.national)
    page = client.get(reverse("invitation_new")).content.decode()
    assert 'id="whom-to-ask"' in page and "regional" not in page.split('id="whom-to-ask"')[1].split("</p>")[0]
