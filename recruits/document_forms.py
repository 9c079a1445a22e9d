from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from portal.files import ACCEPT, EMPTY_FILE, document_check, document_limit_text
from recruits.models import DocumentKind


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=[("", "Choose what it is"), *DocumentKind.choices],
        help_text="How long the portal keeps it depends on what it is: see the table below.",
        error_messages={"required": "Choose what the document is", "invalid_choice": "Choose what the document is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        required=False,
        help_text="For example “Curtailment letter, March 2026”. Leave it empty to show the file name instead.",
        error_messages={"max_length": "Enter a title of 200 characters or fewer"},
    )
    file = forms.FileField(
        label="File",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Choose a PDF, JPEG or PNG file to upload",
            "invalid": "The file did not arrive: choose it again and upload it",
            "missing": "The file did not arrive: choose it again and upload it",
            "empty": EMPTY_FILE,
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF, JPEG or PNG of {document_limit_text()} or less. "
            "Scan paper letters as a PDF, or take a clear photo of them."
        )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        document_check(upload)
        return upload
