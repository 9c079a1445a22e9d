from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthenticatedRequest
from invitations import services
from invitations.access import get_invitation_for_user, invitations_visible_to
from invitations.forms import AcceptInvitationForm, InvitationForm


def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError as error:
        return render(request, "invitations/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = AcceptInvitationForm(request.POST or None, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationError as error:
            return render(request, "invitations/invitation_invalid.html", {"reason": str(error)}, status=410)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(request, "Welcome to the IR Hub Portal. Your account is ready.")
            return redirect("home")
    context = {"invitation": invitation, "form": form, "needs_mfa": invitation.role in settings.MFA_REQUIRED_ROLES}
    return render(request, "invitations/invitation_accept.html", context)


@login_required
def invitation_list(request: AuthenticatedRequest) -> HttpResponse:
    invitations = invitations_visible_to(request.user).select_related(
        "region", "provider", "local_authority", "recruit", "training_partner", "invited_by"
    )[:200]
    can_invite = bool(services.roles_invitable_by(request.user))
    return render(request, "invitations/invitation_list.html", {"invitations": invitations, "can_invite": can_invite})


@login_required
def invitation_new(request: AuthenticatedRequest) -> HttpResponse:
    roles = services.roles_invitable_by(request.user)
    if not roles:
        raise PermissionDenied("Your role cannot invite people.")
    # Links such as a provider page's "Invite the provider's administrator" preselect role and place.
    initial = {key: request.GET[key] for key in ("role", "scope") if key in request.GET}
    form = InvitationForm(request.POST or None, user=request.user, roles=roles, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invitation_create(
                actor=request.user,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                scope_object=form.cleaned_data["scope_object"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        except PermissionDenied as error:
            form.add_error("scope", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("invitation_list")
    return render(request, "invitations/invitation_new.html", {"form": form})


@login_required
def invitation_revoke_view(request: AuthenticatedRequest, public_id: str) -> HttpResponse:
    invitation = get_invitation_for_user(request, public_id)
    if request.method != "POST":
        return render(request, "invitations/invitation_revoke.html", {"invitation": invitation})
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The invitation to {invitation.email} was withdrawn.")
    return redirect("invitation_list")
