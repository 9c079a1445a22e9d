from __future__ import annotations

import re

import pyotp
from django.urls import reverse

from accounts.models import User
from tests.conftest import Cast
from tests.factories import TEST_PASSWORD


def _login(client, email: str, password: str = TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_provider_admin_signs_in_with_a_password(cast: Cast, client) -> None:
    response = _login(client, cast.provider_admin_a.email)
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200 and cast.provider_a.name in home.content.decode()


def test_the_email_is_not_case_sensitive(cast: Cast, client) -> None:
    assert _login(client, cast.provider_admin_a.email.upper()).status_code == 302


def test_a_lead_needs_the_totp_code_after_the_password(cast: Cast, client) -> None:
    response = _login(client, cast.lead_a.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in yet
    code = pyotp.TOTP(cast.lead_a.totp_secret).now()
    done = client.post(reverse("mfa_authenticate"), {"code": code})
    assert done.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Your region today" in home.content.decode()


def test_a_wrong_totp_code_is_refused_with_a_message(cast: Cast, client) -> None:
    _login(client, cast.lead_a.email)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_says_so(cast: Cast, client) -> None:
    response = _login(client, cast.provider_admin_a.email, "not-the-password")
    assert response.status_code == 200
    assert "The email address and password do not match" in response.content.decode()


def test_too_many_failed_logins_are_rate_limited(cast: Cast, client) -> None:
    for _ in range(5):
        _login(client, cast.provider_admin_a.email, "wrong-password")
    response = _login(client, cast.provider_admin_a.email)  # even the right password now waits
    assert response.status_code in (200, 429)
    assert "too many failed login attempts" in response.content.decode().lower()
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_by_email(cast: Cast, client, mailoutbox) -> None:
    client.post(reverse("account_reset_password"), {"email": cast.provider_admin_a.email})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new_password = "brand-New-passphrase-7"
    client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert User.objects.get(pk=cast.provider_admin_a.pk).check_password(new_password)


def test_a_bad_reset_link_says_it_is_invalid(db, client) -> None:
    response = client.get("/accounts/password/reset/key/1-not-a-real-key/", follow=True)
    assert response.status_code == 200
    assert "invalid" in response.content.decode().lower()


def test_email_confirmation_links_are_dead_ends(cast: Cast, client) -> None:
    """Email verification is off (invitations prove the address): a key confirms nothing."""
    response = client.get("/accounts/confirm-email/some-key/")
    assert response.status_code in (200, 404)
    assert cast.provider_admin_a.email not in response.content.decode()


def test_a_recruit_signs_in_with_an_emailed_code(cast: Cast, client, mailoutbox) -> None:
    client.post(reverse("account_request_login_code"), {"email": cast.recruit_user_a.email})
    assert len(mailoutbox) == 1
    code = re.search(r"^\s*([A-Z0-9-]{6,9})\s*$", mailoutbox[0].body, re.MULTILINE)
    assert code, mailoutbox[0].body
    client.post(reverse("account_confirm_login_code"), {"code": code.group(1)})
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Hello Ada" in home.content.decode()


def test_nobody_can_sign_up(db, client) -> None:
    response = client.get(reverse("account_signup"))
    assert "closed" in response.content.decode().lower()
    client.post(reverse("account_signup"), {"email": "me@example.org", "password1": "x-Long-pass-11"})
    assert not User.objects.filter(email="me@example.org").exists()


def test_a_superuser_reaches_the_admin_after_allauth_login_and_totp(client, django_user_model) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    admin = django_user_model.objects.create_superuser("root@portal.test", TEST_PASSWORD)
    secret = generate_totp_secret()
    TOTP.activate(admin, secret)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    _login(client, admin.email)
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/").status_code == 200
