"""A person's data rights (accesslog/rights_views.py); included under /data-rights/."""

from django.urls import path

from accesslog import rights_views
from accesslog.rights import RECRUIT

# Learners who are not recruits (training's nominated care staff and students) register this kind.
LEARNER = "learner"
# Candidates who applied to a campaign (an application each) register this kind (campaigns/personal_data.py).
CANDIDATE = "candidate"

urlpatterns = [
    path("recruits/<uuid:public_id>/", rights_views.rights_page, {"kind": RECRUIT}, name="rights_recruit"),
    path(
        "recruits/<uuid:public_id>/export/", rights_views.rights_export, {"kind": RECRUIT}, name="rights_recruit_export"
    ),
    path("recruits/<uuid:public_id>/erase/", rights_views.rights_erase, {"kind": RECRUIT}, name="rights_recruit_erase"),
    path("learners/<uuid:public_id>/", rights_views.rights_page, {"kind": LEARNER}, name="rights_learner"),
    path(
        "learners/<uuid:public_id>/export/", rights_views.rights_export, {"kind": LEARNER}, name="rights_learner_export"
    ),
    path("learners/<uuid:public_id>/erase/", rights_views.rights_erase, {"kind": LEARNER}, name="rights_learner_erase"),
    path("candidates/<uuid:public_id>/", rights_views.rights_page, {"kind": CANDIDATE}, name="rights_candidate"),
    path(
        "candidates/<uuid:public_id>/export/",
        rights_views.rights_export,
        {"kind": CANDIDATE},
        name="rights_candidate_export",
    ),
    path(
        "candidates/<uuid:public_id>/erase/",
        rights_views.rights_erase,
        {"kind": CANDIDATE},
        name="rights_candidate_erase",
    ),
]
