from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accesslog import review_views
from accesslog import views as access_log_views
from accounts import session_views
from hubs import views as hub_views
from portal import about, national
from portal.directory import hub_directory
from portal.home import views as home_views
from portal.returns import views as returns_views
from portal.risk import views as risk_views
from portal.security_txt import security_txt

# The admin has no login of its own: people sign in through allauth (rate limits, MFA).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "IR Hub Portal administration"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", hub_views.healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("about/accessibility/", about.accessibility, name="about_accessibility"),
    path("about/privacy/", about.privacy, name="about_privacy"),
    path("about/cookies/", about.cookies, name="about_cookies"),
    path("about/contact/", about.contact, name="about_contact"),
    path("about/hubs/", hub_directory, name="about_hubs"),
    path("hubs/", hub_views.hub_list, name="hub_list"),
    path("national/trends/", national.national_trends, name="national_trends"),
    path("national/regions.csv", national.national_csv, {"table": "regions"}, name="national_regions_csv"),
    path("national/trends.csv", national.national_csv, {"table": "trends"}, name="national_trends_csv"),
    path("returns/", returns_views.monitoring_return, name="monitoring_return"),
    path("returns/return.csv", returns_views.monitoring_return_csv, name="monitoring_return_csv"),
    path("returns/return.xlsx", returns_views.monitoring_return_xlsx, name="monitoring_return_xlsx"),
    path("returns/glossary/", returns_views.monitoring_return_glossary, name="monitoring_return_glossary"),
    path("access-log/", access_log_views.access_log, name="access_log"),
    path("access-review/", review_views.access_review, name="access_review"),
    path("access-review.csv", review_views.access_review_export, name="access_review_export"),
    path("data-rights/", include("accesslog.urls")),
    path("hubs/<uuid:public_id>/", hub_views.hub_detail, name="hub_detail"),
    path("", include("invitations.urls")),
    # Provider risk composes compliance, pastoral, rematch, training and duties: portal/risk/.
    path("providers/risk/", risk_views.provider_risk, name="provider_risk"),
    path("providers/", include("providers.urls")),
    path("providers/", include("recruits.duties.urls")),
    # Rematching's vacancies and the displaced-worker pool keep their addresses under /providers/.
    path("providers/", include("rematch.vacancies.urls")),
    path("providers/", include("rematch.pool.urls")),
    path("recruits/", include("recruits.urls")),
    path("agencies/", include("recruits.agency_urls")),
    path("", include("notifications.urls")),
    path("rematch/", include("rematch.urls")),
    path("training/pastoral/", include("pastoral.urls")),
    path("training/", include("training.urls")),
    path("accounts/sessions/", session_views.session_list, name="session_list"),
    path("accounts/sessions/others/end/", session_views.session_end_others, name="session_end_others"),
    path("accounts/sessions/<uuid:reference>/end/", session_views.session_end, name="session_end"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("compliance/", include("compliance.urls")),
    path("advice/", include("advice.urls")),
    path("practice/", include("practice.urls")),
    path("campaigns/", include("campaigns.urls")),
]

handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
