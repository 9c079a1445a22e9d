from typing import Any

from allauth.account.forms import LoginForm


class PortalLoginForm(LoginForm):
    """allauth's sign-in form; the page links to password reset itself, below the button."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["login"].label = "Email address"
