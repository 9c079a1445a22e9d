from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest


class PortalAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: people join through an invitation from their hub or provider.

    Its refusals say what happened and what to do, in GOV.UK's style (allauth's documented
    `error_messages`; the messages of empty fields are set on the forms, accounts/forms.py).
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address and password do not match. Check them and try again",
        "enter_current_password": "Your current password is not correct. Enter it again",
        "incorrect_password": "The password is not correct. Enter it again",
        "incorrect_code": "The code is not correct. Check the email we sent and enter the code again",
        "invalid_password_reset": "The link to reset your password has expired or was already used. Ask for a new one",
        "too_many_login_attempts": "Too many failed login attempts. Try again later, or reset your password",
        "rate_limited": "You have sent this too many times. Wait a few minutes and try again",
        "select_only_one": "Enter an email address or a phone number, not both",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": (
            "The code is not correct. Enter the code your authenticator app shows now, or a recovery code"
        ),
    }
