from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class PortalAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: people join through an invitation from their hub or provider."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
