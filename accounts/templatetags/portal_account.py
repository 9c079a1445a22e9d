from django import template

from accounts.middleware import mfa_required_for

register = template.Library()


@register.simple_tag
def mfa_is_required(user: object) -> bool:
    return mfa_required_for(user)
