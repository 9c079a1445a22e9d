"""The lead's form for a training partner of the region."""

from __future__ import annotations

from django import forms

from hubs.models import PartnerKind
from portal.forms import ServiceErrorsMixin


class TrainingPartnerForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter the partner's name, for example Walsall College"},
    )
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=PartnerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a college, a university, an NHS trust or the hub itself"},
    )
    contact_name = forms.CharField(label="Contact name", required=False, max_length=200)
    contact_email = forms.EmailField(
        label="Contact email",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@college.ac.uk"},
    )
