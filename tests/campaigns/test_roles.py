import datetime as dt

from campaigns.roles import job_roles, occupation_codes
from campaigns.rules import care_codes


def test_every_role_of_the_issue_is_data_with_its_code():
    roles = job_roles()
    assert set(roles) == {"nurse", "midwife", "senior_care_worker", "care_worker", "allied_health", "other"}
    assert roles["nurse"].soc_code == "2231" and roles["other"].soc_code == ""


def test_the_care_roles_are_those_of_the_route_closure_figure(db):
    codes = care_codes(on=dt.date(2026, 1, 5))
    for role in job_roles().values():
        assert role.care_role == (role.soc_code in codes), role.code
    assert occupation_codes(["care_worker", "other", "unknown"]) == ["6135"]
