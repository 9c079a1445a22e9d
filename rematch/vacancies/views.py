"""Vacancy pages: the list, one vacancy, post and edit."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from hubs.access import scope_for
from portal.pagination import Page
from providers.access import get_provider_for_user_rw, provider_recruits_managed_by
from providers.eligibility import sponsor_eligibility
from providers.selectors import cursor_row
from rematch.access import get_vacancy_for_user, get_vacancy_for_user_rw, vacancies_visible_to
from rematch.matching import matches_for_vacancy
from rematch.vacancies.forms import VacancyEditForm, VacancyForm, vacancy_initial
from rematch.vacancies.services import vacancy_block_reason, vacancy_pay_problems, vacancy_post, vacancy_update

PAGE_SIZE = 50


@login_required
def vacancy_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.hub_regions or scope.providers):
        raise Http404("No vacancies for this role")
    visible = vacancies_visible_to(request.user)
    show = request.GET.get("show", "open")
    vacancies = visible.filter(status="open") if show == "open" else visible
    total = vacancies.count()
    key = cursor_row(visible, request.GET.get("after"), "id")
    if key is not None:
        vacancies = vacancies.filter(id__lt=key["id"])
    rows = list(vacancies.select_related("provider").order_by("-id")[: PAGE_SIZE + 1])
    page = rows[:PAGE_SIZE]
    next_cursor = str(page[-1].public_id) if len(rows) > PAGE_SIZE else None
    providers = provider_recruits_managed_by(request.user).filter(
        Q(id__in=scope.providers) | Q(region_id__in=scope.hub_regions)
    )
    context = {
        "vacancies": page,
        "total": total,
        "show": show,
        "page": Page(items=page, next_cursor=next_cursor, total=total),
        "next_query": f"show={show}&after={next_cursor}" if next_cursor else "",
        "first_query": f"show={show}",
        "page_is_later": key is not None,
        "own_provider": providers.first() if len(scope.providers) == 1 and not scope.hub_regions else None,
    }
    return render(request, "rematch/vacancies/list.html", context)


@login_required
def vacancy_detail(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    vacancy = get_vacancy_for_user(request, public_id, related=["provider"])
    hub_team = scope_for(request.user).is_hub_team(vacancy.region_id)
    context = {
        "vacancy": vacancy,
        "pay_problems": vacancy_pay_problems(vacancy),
        "eligibility": sponsor_eligibility(provider=vacancy.provider),
        "matches": matches_for_vacancy(user=request.user, vacancy=vacancy) if hub_team else None,
    }
    return render(request, "rematch/vacancies/detail.html", context)


@login_required
def vacancy_new(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    provider = get_provider_for_user_rw(request, public_id, to="recruits")
    form = VacancyForm(request.POST if request.method == "POST" else None, initial={"sponsorship_offered": True})
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = vacancy_post(actor=request.user, provider=provider, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"The vacancy “{vacancy.title}” is posted.")
            return redirect(vacancy)
    blocked = vacancy_block_reason(provider)
    context = {"form": form, "provider": provider, "vacancy": None, "blocked": blocked}
    return render(request, "rematch/vacancies/form.html", context)


@login_required
def vacancy_edit(request: AuthenticatedRequest, public_id: UUID) -> HttpResponse:
    vacancy = get_vacancy_for_user_rw(request, public_id, related=["provider"])
    form = VacancyEditForm(request.POST if request.method == "POST" else None, initial=vacancy_initial(vacancy))
    if request.method == "POST" and form.is_valid():
        try:
            vacancy_update(actor=request.user, vacancy=vacancy, data=form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "The vacancy is saved.")
            return redirect(vacancy)
    return render(
        request, "rematch/vacancies/form.html", {"form": form, "provider": vacancy.provider, "vacancy": vacancy}
    )
