from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from portal.exports import file_response
from providers.access import provider_recruits_managed_by
from providers.models import Provider
from recruits import imports
from recruits.import_forms import RecruitImportForm


def _providers_or_403(request: AuthenticatedRequest) -> QuerySet[Provider]:
    providers = provider_recruits_managed_by(request.user)
    if not providers.exists():
        raise PermissionDenied("Only a provider's own people and the hub team can import recruits.")
    return providers


@login_required
def recruit_import(request: AuthenticatedRequest) -> HttpResponse:
    providers = _providers_or_403(request)
    if request.method == "POST":
        form = RecruitImportForm(request.POST, request.FILES, providers=providers)
    else:
        form = RecruitImportForm(providers=providers)
    result = None
    if form.is_valid():
        provider = form.cleaned_data["provider"]
        result = imports.recruits_import(actor=request.user, provider=provider, upload=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                f"Recruits imported for {provider.name}: {result.created} added, {result.updated} updated, "
                f"{result.unchanged} unchanged.",
            )
            return redirect("recruit_import")
        if result.problem:
            form.add_error("file", result.problem)
    context = {
        "form": form,
        "result": result,
        "columns": imports.COLUMNS,
        "rules": imports.IMPORT_RULES,
        "max_rows": f"{imports.RECRUIT_IMPORT_MAX_ROWS:,}",
        "max_size": imports.size_text(imports.max_bytes()),
    }
    return render(request, "recruits/import.html", context)


@login_required
def recruit_import_template(request: AuthenticatedRequest) -> HttpResponse:
    _providers_or_403(request)
    return _download(imports.template_csv(), "text/csv; charset=utf-8", "recruits-import-template.csv")


@login_required
def recruit_import_template_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    _providers_or_403(request)
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(imports.template_xlsx(), content_type, "recruits-import-template.xlsx")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return file_response(content, filename=filename, content_type=content_type)
