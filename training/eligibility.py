"""Eligibility rules, evaluated against a recruit's evidence for a cohort's start date.

A rule is data (`EligibilityRule` rows of a programme). Evaluating one gives a `RuleResult`
saying whether it is met and, if not, what exactly is missing, in a sentence the recruit can act on.
Only evidence the hub has accepted counts; evidence dated after the start, or out of date at
the start, does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from portal.workdays import is_working_day
from recruits.models import EnglishLevel
from training.models import (
    ENGLISH_ORDER,
    Cohort,
    EligibilityRule,
    EnglishEvidence,
    EvidenceKind,
    EvidenceStatus,
    Learner,
    LearnerKind,
    RuleKind,
    WhoMayJoin,
)


class Outcome:
    MET = "met"
    MISSING = "missing"
    EXPIRED = "expired"
    AWAITING_REVIEW = "awaiting_review"


@dataclass(frozen=True)
class RuleResult:
    rule: EligibilityRule
    outcome: str
    message: str

    @property
    def met(self) -> bool:
        return self.outcome == Outcome.MET


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _accepted_text(rule: EligibilityRule, *, recruit: bool = True) -> str:
    kinds = rule.accepted_evidence or [EvidenceKind.CERTIFICATE, EvidenceKind.ASSESSMENT]
    if not recruit:
        # Care staff who are not recruits upload nothing: the hub's literacy assessment is their way.
        if EvidenceKind.ASSESSMENT in kinds:
            return "pass the hub's literacy assessment (book it on the learner's page)"
        return "ask the hub how to show an English certificate"
    texts = {
        EvidenceKind.CERTIFICATE: "upload an English certificate",
        EvidenceKind.ASSESSMENT: "take the hub's literacy assessment (on your training plan)",
    }
    return " or ".join(texts[EvidenceKind(kind)] for kind in kinds)


def _level_ok(evidence: EnglishEvidence, rule: EligibilityRule) -> bool:
    return ENGLISH_ORDER.index(evidence.level) >= ENGLISH_ORDER.index(rule.english_minimum)


def _expired(evidence: EnglishEvidence, rule: EligibilityRule, start: date) -> bool:
    if evidence.valid_until is not None and evidence.valid_until < start:
        return True
    return rule.max_age_months is not None and evidence.evidence_date < _months_before(start, rule.max_age_months)


def rule_evaluate(
    rule: EligibilityRule,
    evidence: Iterable[EnglishEvidence],
    *,
    start: date,
    deadline: date | None,
    recruit: bool = True,
) -> RuleResult:
    accepted = set(rule.accepted_evidence or [EvidenceKind.CERTIFICATE, EvidenceKind.ASSESSMENT])
    relevant = [e for e in evidence if e.kind in accepted and _level_ok(e, rule) and e.evidence_date <= start]
    approved = [e for e in relevant if e.status == EvidenceStatus.APPROVED]
    level = EnglishLevel(rule.english_minimum).label.split(" (")[0]
    needed = f"English at {level} or higher"
    by = f" by {deadline:%d %B %Y}" if deadline else ""
    if any(not _expired(e, rule, start) for e in approved):
        return RuleResult(rule, Outcome.MET, f"{needed}: evidence accepted")
    if any(e.status == EvidenceStatus.SUBMITTED and not _expired(e, rule, start) for e in relevant):
        return RuleResult(rule, Outcome.AWAITING_REVIEW, f"{needed}: your evidence is waiting for the hub to check it")
    if approved:
        return RuleResult(
            rule,
            Outcome.EXPIRED,
            f"{needed}: your evidence is out of date for this start date; {_accepted_text(rule, recruit=recruit)}{by}",
        )
    return RuleResult(rule, Outcome.MISSING, f"{needed}: {_accepted_text(rule, recruit=recruit)}{by}")


def learner_rule_evaluate(rule: EligibilityRule, learner: Learner, cohort: Cohort) -> RuleResult:
    """Whom the programme's places are for (a `learners` rule), checked when booking.

    `area_care_staff`: the learner works for a provider of the cohort's region today (a recruit's
    current employer, a nominated learner's employer); students and people between employers are
    not care staff of the area. `recruits`: recruit learners only. `any`: everyone.
    """
    name = learner.full_name
    if rule.learners == WhoMayJoin.RECRUITS and learner.kind != LearnerKind.RECRUIT:
        return RuleResult(rule, Outcome.MISSING, f"{cohort.programme.title} is for international recruits only.")
    if rule.learners == WhoMayJoin.AREA_CARE_STAFF:
        employer = learner.recruit.provider if learner.recruit_id and learner.recruit else learner.employer
        if learner.kind == LearnerKind.STUDENT or employer is None or employer.region_id != cohort.region_id:
            return RuleResult(
                rule,
                Outcome.MISSING,
                f"The places on {cohort.programme.title} are for care staff working for a provider of the "
                f"hub's area: {name} is not employed by one.",
            )
    return RuleResult(rule, Outcome.MET, WhoMayJoin(rule.learners).label)


def learner_may_join(rules: Iterable[EligibilityRule], learner: Learner, cohort: Cohort) -> list[RuleResult]:
    return [learner_rule_evaluate(rule, learner, cohort) for rule in rules if rule.kind == RuleKind.LEARNERS]


def eligibility_for(
    rules: Iterable[EligibilityRule],
    evidence: Iterable[EnglishEvidence],
    *,
    start: date,
    deadline: date | None,
    recruit: bool = True,
) -> list[RuleResult]:
    """The English rules (a `learners` rule is checked at booking, by `learner_may_join`); `recruit`
    False for care staff who are not recruits, whose only way is the literacy assessment."""
    evidence = list(evidence)
    return [
        rule_evaluate(rule, evidence, start=start, deadline=deadline, recruit=recruit)
        for rule in rules
        if rule.kind == RuleKind.ENGLISH_MINIMUM
    ]


def evidence_deadline(cohort: Cohort) -> date | None:
    """The last day evidence can arrive: N working days before the first session day."""
    start = cohort.starts_on
    if start is None:
        return None
    day, remaining = start, cohort.programme.evidence_working_days
    while remaining:
        day -= timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
