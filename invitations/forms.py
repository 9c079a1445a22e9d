from typing import cast

from django import forms

from hubs.access import local_authorities_visible_to, regions_visible_to, scope_for
from hubs.models import TrainingPartner
from hubs.roles import Role
from providers.models import Provider
from recruits.access import recruits_visible_to
from recruits.models import Recruit


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name"},
    )
    password1 = forms.CharField(
        label="Create a password",
        help_text="At least 10 characters. Avoid common words and your own name.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type your password again to confirm it"},
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "The two passwords do not match. Type the same password twice.")
        return cleaned


class InvitationForm(forms.Form):
    """Invite a person; the scope choices only list what the inviter may grant."""

    email = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    name = forms.CharField(label="Full name", max_length=200, required=False)
    role = forms.ChoiceField(label="Role", error_messages={"required": "Select the role to give them"})
    scope = forms.ChoiceField(
        label="Where",
        help_text="The region, council, provider, recruit record or training partner the role applies to.",
        error_messages={"required": "Select where the role applies"},
    )

    def __init__(self, *args: object, user: object, roles: set[Role], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user
        ordered = [role for role in Role if role in roles]
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [("", "Choose a role")] + [(r.value, r.label) for r in ordered]
        self.scope_objects = self._scope_objects(ordered)
        cast(forms.ChoiceField, self.fields["scope"]).choices = [("", "Choose where")] + [
            (key, label) for key, (label, _obj, _roles) in self.scope_objects.items()
        ]

    def _scope_objects(self, roles: list[Role]) -> dict[str, tuple[str, object, set[Role]]]:
        scope = scope_for(self.user)
        options: dict[str, tuple[str, object, set[Role]]] = {}
        region_roles = {Role.HUB_STAFF, Role.LEAD, Role.ADASS} & set(roles)
        if region_roles:
            for region in regions_visible_to(self.user):
                options[f"region:{region.public_id}"] = (f"Region: {region.name}", region, region_roles)
        if Role.COUNCIL in roles:
            for la in local_authorities_visible_to(self.user).filter(region_id__in=scope.lead_regions):
                options[f"la:{la.public_id}"] = (f"Council: {la.council_name}", la, {Role.COUNCIL})
        provider_roles = {Role.PROVIDER_ADMIN, Role.PROVIDER_STAFF} & set(roles)
        if provider_roles:
            providers = Provider.objects.filter(id__in=scope.admin_providers) | Provider.objects.filter(
                region_id__in=scope.hub_regions
            )
            for provider in providers.distinct().order_by("name"):
                options[f"provider:{provider.public_id}"] = (f"Provider: {provider.name}", provider, provider_roles)
        if Role.PARTNER in roles:
            partners = TrainingPartner.objects.filter(region_id__in=scope.lead_regions).select_related("region")
            for partner in partners.order_by("region__name", "name"):
                options[f"partner:{partner.public_id}"] = (f"Training partner: {partner.name}", partner, {Role.PARTNER})
        if Role.RECRUIT in roles:
            recruits: object = recruits_visible_to(self.user).filter(user__isnull=True).order_by("family_name")[:500]
            for recruit in recruits:  # type: ignore[attr-defined]
                assert isinstance(recruit, Recruit)
                options[f"recruit:{recruit.public_id}"] = (f"Recruit: {recruit.full_name}", recruit, {Role.RECRUIT})
        return options

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        role, key = cleaned.get("role"), cleaned.get("scope")
        if role and key:
            _label, obj, roles = self.scope_objects[str(key)]
            if Role(str(role)) not in roles:
                self.add_error(
                    "scope", f"A {Role(str(role)).label.lower()} cannot be invited to that. Choose a matching place."
                )
            else:
                cleaned["scope_object"] = obj
        return cleaned
