"""allauth's forms with messages that say what to do, through its documented hooks (ACCOUNT_FORMS and
MFA_FORMS in settings; the adapters' `error_messages` for the refusals it raises itself).

The portal's renderer would name the field anyway ("Enter email address"); these read as a person
is spoken to on GOV.UK ("Enter your email address"). A form's own message always wins over the
renderer's (portal/forms/messages.py), so setting `error_messages` here is enough.
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa_base
from allauth.mfa.totp import forms as mfa_totp
from django import forms

EMAIL = "Enter your email address"
AUTHENTICATOR_CODE = "Enter the code from your authenticator app, or a recovery code"

# What each field of allauth's forms asks for, when it is left empty.
REQUIRED = {
    "login": EMAIL,
    "email": EMAIL,
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a new password",
    "password2": "Enter the new password again",
}


class SpecificMessages(forms.Form):
    """Sets each field's "required" message from `required` (by field name)."""

    required: dict[str, str] = REQUIRED

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.required:
                field.error_messages["required"] = self.required[name]


class PortalLoginForm(SpecificMessages, account.LoginForm):
    """allauth's sign-in form; the page links to password reset itself, below the button."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["login"].label = "Email address"


class PortalResetPasswordForm(SpecificMessages, account.ResetPasswordForm):
    pass


class PortalResetPasswordKeyForm(SpecificMessages, account.ResetPasswordKeyForm):
    pass


class PortalChangePasswordForm(SpecificMessages, account.ChangePasswordForm):
    pass


class PortalSetPasswordForm(SpecificMessages, account.SetPasswordForm):
    pass


class PortalReauthenticateForm(SpecificMessages, account.ReauthenticateForm):
    pass


class PortalRequestLoginCodeForm(SpecificMessages, account.RequestLoginCodeForm):
    pass


class PortalConfirmLoginCodeForm(SpecificMessages, account.ConfirmLoginCodeForm):
    required = {"code": "Enter the code we emailed to you"}


class PortalAuthenticateForm(SpecificMessages, mfa_base.AuthenticateForm):
    required = {"code": AUTHENTICATOR_CODE}


class PortalMfaReauthenticateForm(SpecificMessages, mfa_base.ReauthenticateForm):
    required = {"code": AUTHENTICATOR_CODE}


class PortalActivateTOTPForm(SpecificMessages, mfa_totp.ActivateTOTPForm):
    required = {"code": "Enter the 6-digit code your authenticator app shows"}
