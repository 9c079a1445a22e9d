from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from providers.models import Provider
from recruits import imports

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RecruitImportForm(forms.Form):
    """The provider comes from the user's own list (`provider_recruits_managed_by`), never a free id."""

    provider = forms.ModelChoiceField(
        label="Employer",
        queryset=Provider.objects.none(),
        to_field_name="public_id",
        empty_label="Choose the provider",
        help_text="The provider that sponsors the recruits in the file.",
        error_messages={
            "required": "Choose the provider the recruits work for",
            "invalid_choice": "Choose one of the providers in the list",
        },
    )
    file = forms.FileField(
        label="File to import",
        help_text="An Excel workbook (.xlsx) or a CSV file saved as CSV UTF-8.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Choose the CSV or Excel file to import",
            "empty": "The file is empty. Download the template and fill in one row per recruit.",
            "invalid": "Choose the CSV or Excel file to import",
        },
    )

    def __init__(self, *args: Any, providers: QuerySet[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limits = f" At most {imports.RECRUIT_IMPORT_MAX_ROWS:,} rows and {imports.size_text(imports.max_bytes())}."
        self.fields["file"].help_text = str(self.fields["file"].help_text) + limits
        field = cast(forms.ModelChoiceField, self.fields["provider"])
        field.queryset = providers
        only = list(providers[:2])
        if len(only) == 1:
            field.empty_label = None
            field.initial = only[0].public_id
