"""Bulk import of recruits from CSV and Excel files: all or nothing, no duplicates, clear messages."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.utils import get_column_letter

from hubs.models import Agency
from recruits.imports import COLUMNS, REPORTED_ERRORS
from recruits.models import Employment, Flag, Recruit, RecruitStatus, StatusChange
from recruits.services import RECRUIT_FIELDS, recruit_register, recruit_update
from tests.conftest import Cast
from tests.factories import ProviderFactory, RecruitFactory
from tests.recruits.import_files import cells_in_column, million_empty_rows, sheet_of

HEADERS = [column.header for column in COLUMNS]
URL = "/recruits/import/"


def row(n: int = 1, **overrides: object) -> dict[str, object]:
    values: dict[str, object] = {
        "Given names": f"Maria {n}",
        "Family name": "Santos",
        "Date of birth": "1990-03-25",
        "Nationality": "PH",
        "Passport number": f"P{n:07d}A",
        "Email": f"maria{n}@people.test",
        "Phone": "07700 900123",
        "UK address": "1 High Street, Birmingham",
        "Postcode": "B1 1AA",
        "Job role": "Care worker",
        "Occupation code": "",
        "NMC PIN": "",
        "Visa route": "Health and Care Worker",
        "Visa expiry": "2028-03-31",
        "CoS reference": f"C{n:010d}",
        "eVisa share code": "W12AB34CD",
        "Right-to-work check date": "2026-01-10",
        "DBS status": "Clear",
        "Recruitment channel": "Direct application",
        "Agency": "",
        "Fees charged to the candidate": "0",
        "Start date": "",
    }
    values.update(overrides)
    return values


def csv_file(rows: list[dict[str, object]], headers: list[str] = HEADERS, encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for values in rows:
        writer.writerow([values.get(header, "") for header in headers])
    return out.getvalue().encode(encoding)


def xlsx_file(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, provider, content: bytes, name: str = "recruits.csv", follow: bool = True):
    data = {"provider": str(provider.public_id), "file": SimpleUploadedFile(name, content)}
    return client.post(URL, data, follow=follow)


def problem_of(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


def errors_of(response) -> list[tuple[int, str, str, str]]:
    return [(e.row, e.column, e.message, e.value) for e in response.context["result"].errors]


# Good files ---------------------------------------------------------------------------------------


def test_it_imports_a_good_csv(cast: Cast, client) -> None:
    Agency.objects.create(region=cast.region_a, name="Global Care Recruit Ltd")
    client.force_login(cast.provider_admin_a)
    rows = [
        row(1),
        row(2, **{"Nationality": "Philippines", "Passport number": "p 0000002 a", "Date of birth": "25/03/1990"}),
        row(3, **{"Job role": "nurse", "Start date": "2026-02-01", "Fees charged to the candidate": "£1,250.50"}),
        row(4, **{"Recruitment channel": "Agency on the hub's framework", "Agency": "global care recruit ltd"}),
        row(5, **{"Recruitment channel": "Other agency", "Agency": "Fly By Night Agency"}),
    ]
    response = upload(client, cast.provider_a, csv_file(rows))

    assert "Recruits imported for Alpha Care Ltd: 5 added, 0 updated, 0 unchanged." in response.content.decode()
    imported = {r.given_names: r for r in Recruit.objects.filter(provider=cast.provider_a, family_name="Santos")}
    assert len(imported) == 5
    second = imported["Maria 2"]
    assert (second.nationality, second.passport_number, second.date_of_birth) == ("PH", "P0000002A", date(1990, 3, 25))
    assert second.region == cast.region_a and second.status == RecruitStatus.ARRIVING
    nurse = imported["Maria 3"]
    assert nurse.job_role == "nurse" and nurse.occupation_code == "2231"
    assert nurse.candidate_fees == Decimal("1250.50") and nurse.flags == [Flag.FEES_CHARGED]
    assert nurse.status == RecruitStatus.EMPLOYED
    assert Employment.objects.filter(recruit=nurse, provider=cast.provider_a, start_date=date(2026, 2, 1)).exists()
    assert StatusChange.objects.filter(recruit=nurse, to_status=RecruitStatus.EMPLOYED, actor=cast.provider_admin_a)
    assert imported["Maria 4"].agency.name == "Global Care Recruit Ltd" and imported["Maria 4"].flags == []
    other = imported["Maria 5"]
    assert other.agency is None and other.agency_name_other == "Fly By Night Agency"
    assert other.flags == [Flag.UNLISTED_AGENCY]
    assert imported["Maria 1"].occupation_code == "6135" and not imported["Maria 1"].employments.exists()


def test_an_imported_recruit_is_the_record_recruit_register_makes(cast: Cast, client) -> None:
    """The import writes new rows in batches: the outcome must be what the service would write."""
    same = {"Nationality": "Nigeria", "Job role": "Nurse", "Recruitment channel": "Other agency",
            "Agency": "Somewhere Ltd", "Fees charged to the candidate": "10", "Start date": "2026-02-01"}  # fmt: skip
    data = {
        **{c.key: v for c in COLUMNS if (v := row(1, **same)[c.header]) and c.kind in {"text", "code"}},
        "date_of_birth": date(1990, 3, 25),
        "nationality": "NG",
        "job_role": "nurse",
        "visa_route": "health_and_care",
        "visa_expiry": date(2028, 3, 31),
        "rtw_check_date": date(2026, 1, 10),
        "dbs_status": "clear",
        "recruitment_channel": "other_agency",
        "agency_name_other": "Somewhere Ltd",
        "candidate_fees": Decimal("10"),
    }
    registered = recruit_register(
        actor=cast.provider_admin_a, provider=cast.provider_a, data=data, start_date=date(2026, 2, 1)
    )
    client.force_login(cast.provider_admin_a)
    upload(client, cast.provider_a, csv_file([row(2, **same, **{"Given names": "Maria 1"})]))
    imported = Recruit.objects.get(passport_number="P0000002A")

    own = {"passport_number", "cos_reference", "email"}
    for name in [*RECRUIT_FIELDS, "region", "provider", "status", "flags", "unverified"]:
        if name not in own:
            assert getattr(imported, name) == getattr(registered, name), name
    assert set(imported.flags) == {Flag.RED_LIST_AGENCY, Flag.UNLISTED_AGENCY, Flag.FEES_CHARGED}
    fields = ("provider", "start_date", "end_date")
    assert list(imported.employments.values(*fields)) == list(registered.employments.values(*fields))
    changes = ("from_status", "to_status", "reason", "actor")
    assert list(imported.status_changes.values(*changes)) == list(registered.status_changes.values(*changes))


def test_it_imports_a_good_xlsx_with_typed_cells(cast: Cast, client) -> None:
    client.force_login(cast.provider_staff_a)
    values = list(row(7).values())
    values[HEADERS.index("Date of birth")] = date(1988, 12, 1)
    values[HEADERS.index("Passport number")] = 12345678  # Excel turned it into a number
    values[HEADERS.index("Occupation code")] = 6136
    values[HEADERS.index("Job role")] = "Senior care worker"
    values[HEADERS.index("Fees charged to the candidate")] = 99.5
    values[HEADERS.index("Nationality")] = "Nigeria"

    response = upload(client, cast.provider_a, xlsx_file([values]), name="recruits.xlsx")

    assert "1 added, 0 updated, 0 unchanged" in response.content.decode()
    recruit = Recruit.objects.get(given_names="Maria 7")
    assert recruit.date_of_birth == date(1988, 12, 1) and recruit.passport_number == "12345678"
    assert recruit.occupation_code == "6136" and recruit.candidate_fees == Decimal("99.50")
    assert recruit.nationality == "NG" and recruit.job_role == "senior_care_worker"


def test_xlsx_errors_carry_the_row_numbers_excel_shows(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    bad = list(row(2, **{"Visa expiry": "31/13/2028"}).values())
    response = upload(client, cast.provider_a, xlsx_file([list(row(1).values()), [], bad]), name="r.xlsx")
    assert [(e[0], e[1]) for e in errors_of(response)] == [(4, "Visa expiry")]


def test_the_downloadable_templates_import_as_they_are(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    template = client.get(reverse("recruit_import_template"))
    assert template["Content-Type"].startswith("text/csv")
    assert "attachment" in template["Content-Disposition"]
    lines = template.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[0].split(",")[:2] == ["Given names", "Family name"]
    assert "1 added" in upload(client, cast.provider_a, template.content).content.decode()

    workbook_response = client.get(reverse("recruit_import_template_xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_response.content))
    assert workbook.sheetnames == ["Recruits", "Columns"]
    explained = [r[0] for r in workbook["Columns"].iter_rows(min_row=2, max_row=len(COLUMNS) + 1, values_only=True)]
    assert explained == HEADERS
    allowed_job_roles = next(r[3] for r in workbook["Columns"].iter_rows(values_only=True) if r[0] == "Job role")
    assert allowed_job_roles.splitlines() == ["Care worker", "Senior care worker", "Nurse", "Other"]
    # The same example person: the second upload recognises them.
    again = upload(client, cast.provider_a, workbook_response.content, name="template.xlsx")
    assert "0 added, 0 updated, 1 unchanged" in again.content.decode()


def test_utf8_with_a_byte_order_mark_and_semicolons_is_read(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = "\ufeff" + csv_file([row(1, **{"Given names": "José"})]).decode().replace(",", ";")
    response = upload(client, cast.provider_a, content.encode())
    assert "1 added" in response.content.decode()
    assert Recruit.objects.filter(given_names="José", provider=cast.provider_a).exists()


def test_a_workbook_renamed_csv_is_read_as_a_workbook(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, xlsx_file([list(row(1).values())]), name="recruits.csv")
    assert "1 added" in response.content.decode()


# Bad rows -----------------------------------------------------------------------------------------


def test_bad_rows_are_reported_cell_by_cell_and_nothing_is_written(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    before = Recruit.objects.count()
    rows = [
        row(1),
        row(2, **{"Date of birth": "31/02/1990", "Job role": "Carer extraordinaire"}),
        row(3, **{"Given names": "", "Nationality": "Narnia", "Email": "not-an-email"}),
        row(4, **{"eVisa share code": "X123", "Visa expiry": "next year", "Fees charged to the candidate": "-5"}),
        row(5, **{"Passport number": "", "CoS reference": ""}),
    ]
    response = upload(client, cast.provider_a, csv_file(rows))

    assert response.status_code == 200 and Recruit.objects.count() == before
    errors = errors_of(response)
    assert (3, "Date of birth", "This date does not exist: check the day and the month.", "31/02/1990") in errors
    assert (
        3,
        "Job role",
        "Use one of: “Care worker”, “Senior care worker”, “Nurse”, “Other”.",
        "Carer extraordinaire",
    ) in errors
    assert (4, "Given names", "Enter the given names.", "") in errors
    assert any(e[:2] == (4, "Nationality") and "ISO 3166" in e[2] and e[3] == "Narnia" for e in errors)
    assert any(e[:2] == (4, "Email") and "correct format" in e[2] for e in errors)
    assert any(e[:2] == (5, "eVisa share code") and "starting with W" in e[2] and e[3] == "X123" for e in errors)
    assert any(e[:2] == (5, "Visa expiry") and "YYYY-MM-DD or DD/MM/YYYY" in e[2] for e in errors)
    assert any(e[:2] == (5, "Fees charged to the candidate") and e[3] == "-5" for e in errors)
    assert any(e[0] == 6 and "passport number and date of birth, or the CoS reference" in e[2] for e in errors)
    assert not any(e[0] == 2 for e in errors)
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Nothing was imported" in page
    assert "<title>Error: Import recruits" in page
    assert "Carer extraordinaire" in page and 'id="import-errors"' in page


def test_model_validators_catch_what_the_cells_do_not(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, csv_file([row(1, **{"Passport number": "P" * 25})]))
    assert (2, "Passport number", "Use at most 20 characters; this has 25.", "P" * 25) in errors_of(response)
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_the_nmc_pin_of_nurses_is_imported_and_checked(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    rows = [
        row(1, **{"Job role": "Nurse", "NMC PIN": "12a 3456e"}),
        row(2, **{"Job role": "Nurse", "NMC PIN": "1234567"}),
        row(3, **{"NMC PIN": "12A3456E"}),
    ]
    errors = errors_of(upload(client, cast.provider_a, csv_file(rows)))
    assert [(e[0], e[1]) for e in errors] == [(3, "NMC PIN"), (4, "NMC PIN")]
    assert "2 digits, a letter, 4 digits and a letter" in errors[0][2] and "Only nurses" in errors[1][2]
    assert "1 added" in upload(client, cast.provider_a, csv_file(rows[:1])).content.decode()
    assert Recruit.objects.get(given_names="Maria 1").nmc_pin == "12A3456E"


def test_only_the_first_200_problems_are_listed(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    rows = [row(n, **{"Date of birth": "soon"}) for n in range(1, 251)]
    response = upload(client, cast.provider_a, csv_file(rows))
    result = response.context["result"]
    assert len(result.errors) == REPORTED_ERRORS and result.error_count == 250
    assert "there are 50 more" in response.content.decode()


def test_short_rows_miss_required_cells(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(1)]) + b"\r\n,Santos\r\n"  # a blank row 3 still counts
    errors = errors_of(upload(client, cast.provider_a, content))
    assert errors == [(4, "Given names", "Enter the given names.", "")]


# Re-imports and duplicates ------------------------------------------------------------------------


def test_importing_the_same_file_again_creates_no_duplicates(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(1), row(2), row(3, **{"Start date": "2026-01-12"})])
    upload(client, cast.provider_a, content)
    count = Recruit.objects.count()

    response = upload(client, cast.provider_a, content)

    assert "0 added, 0 updated, 3 unchanged" in response.content.decode()
    assert Recruit.objects.count() == count
    assert Employment.objects.filter(recruit__given_names="Maria 3").count() == 1


def test_a_changed_row_updates_the_recruit_and_recomputes_flags(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    upload(client, cast.provider_a, csv_file([row(1), row(2)]))
    recruit = Recruit.objects.get(given_names="Maria 1")
    assert recruit.flags == []

    changed = [row(1, **{"Phone": "07700 900999", "Fees charged to the candidate": "300"}), row(2)]
    response = upload(client, cast.provider_a, csv_file(changed))

    assert "0 added, 1 updated, 1 unchanged" in response.content.decode()
    recruit.refresh_from_db()
    assert recruit.phone == "07700 900999" and recruit.flags == [Flag.FEES_CHARGED]


def test_an_updated_recruit_is_the_record_recruit_update_makes(cast: Cast, client) -> None:
    """Changed rows are written in batches: the outcome must be what the service would write."""
    client.force_login(cast.provider_admin_a)
    upload(client, cast.provider_a, csv_file([row(1), row(2)]))
    by_service, by_import = Recruit.objects.get(given_names="Maria 1"), Recruit.objects.get(given_names="Maria 2")
    change = {"Nationality": "Ghana", "Recruitment channel": "Other agency", "Agency": "Somewhere Ltd",
              "Job role": "Senior care worker", "Fees charged to the candidate": "75"}  # fmt: skip
    recruit_update(
        actor=cast.provider_admin_a,
        recruit=by_service,
        data={"nationality": "gh", "recruitment_channel": "other_agency", "agency_name_other": "Somewhere Ltd",
              "job_role": "senior_care_worker", "occupation_code": "", "candidate_fees": Decimal("75")},
    )  # fmt: skip
    response = upload(client, cast.provider_a, csv_file([row(1, **change), row(2, **change)]))

    assert "0 added, 1 updated, 1 unchanged" in response.content.decode()
    by_service.refresh_from_db()
    by_import.refresh_from_db()
    assert by_import.nationality == "GH" and by_import.occupation_code == "6136"  # the new role's default
    assert by_import.updated_at > by_import.created_at
    own = {"given_names", "passport_number", "cos_reference", "email"}
    for name in [*RECRUIT_FIELDS, "region", "provider", "status", "flags"]:
        if name not in own:
            assert getattr(by_import, name) == getattr(by_service, name), name


def test_a_row_matches_on_the_cos_reference_and_blank_cells_keep_values(cast: Cast, client) -> None:
    existing = RecruitFactory(
        provider=cast.provider_a, passport_number="", cos_reference="C0000000001", phone="0121 496 0000"
    )
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, csv_file([row(1, **{"CoS reference": "c000 0000 001", "Phone": ""})]))

    assert "0 added, 1 updated" in response.content.decode()
    existing.refresh_from_db()
    assert existing.given_names == "Maria 1" and existing.passport_number == "P0000001A"
    assert existing.phone == "0121 496 0000"


def test_two_rows_of_one_file_for_the_same_recruit_are_an_error_on_the_second(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    rows = [row(1), row(2), row(3, **{"Passport number": "P0000001A"}), row(4, **{"CoS reference": "C0000000002"})]
    response = upload(client, cast.provider_a, csv_file(rows))

    errors = errors_of(response)
    assert [(e[0], e[1]) for e in errors] == [(4, ""), (5, "")]
    assert "same recruit as row 2 (same passport number and date of birth)" in errors[0][2]
    assert "same recruit as row 3 (same CoS reference)" in errors[1][2]
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_a_recruit_of_another_provider_in_the_region_is_not_changed(cast: Cast, client) -> None:
    sister = ProviderFactory(region=cast.region_a, name="Sister Care")
    theirs = RecruitFactory(provider=sister, passport_number="P0000001A", date_of_birth=date(1990, 3, 25))
    client.force_login(cast.lead_a)
    response = upload(client, cast.provider_a, csv_file([row(1)]))

    assert "already on record in the region" in errors_of(response)[0][2]
    theirs.refresh_from_db()
    assert theirs.given_names != "Maria 1" and not Recruit.objects.filter(given_names="Maria 1").exists()


def test_a_recruit_of_another_region_is_never_matched(cast: Cast, client) -> None:
    RecruitFactory(provider=cast.provider_b, passport_number="P0000001A", date_of_birth=date(1990, 3, 25))
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, csv_file([row(1)]))
    assert "1 added" in response.content.decode()


# Bad files ----------------------------------------------------------------------------------------


def test_a_csv_not_in_utf8_asks_to_save_as_csv_utf8(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(1), row(2, **{"Given names": "Zoë"})], encoding="cp1252")
    response = upload(client, cast.provider_a, content)
    assert "Save the file as CSV UTF-8" in problem_of(response) and "line 3" in problem_of(response)
    assert "govuk-error-summary" in response.content.decode()
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_a_utf16_file_asks_to_save_as_csv_utf8(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, csv_file([row(1)], encoding="utf-16"))
    assert "Save the file as CSV UTF-8" in problem_of(response)


def test_wrong_columns_are_named(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    headers = [h for h in HEADERS if h not in {"Date of birth", "DBS status"}] + ["Shoe size"]
    response = upload(client, cast.provider_a, csv_file([row(1)], headers=headers))
    problem = problem_of(response)
    assert "Missing columns: “Date of birth”, “DBS status”." in problem
    assert "Columns not recognised: “Shoe size”." in problem
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_headings_are_matched_loosely_and_optional_columns_may_be_left_out(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    headers = [h for h in HEADERS if h not in {"Occupation code", "NMC PIN", "Start date"}]
    content = (
        csv_file([row(1)], headers=headers).replace(b"Given names", b"GIVEN NAMES ").replace(b"DBS status", b"dbs")
    )
    assert "1 added" in upload(client, cast.provider_a, content).content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\r\n\r\n", "The file is empty"),
        (",".join(HEADERS).encode() + b"\r\n,,,\r\n", "no recruits below them"),
    ],
)
def test_an_empty_file_says_so(cast: Cast, client, content: bytes, message: str) -> None:
    client.force_login(cast.provider_admin_a)
    assert message in problem_of(upload(client, cast.provider_a, content))


def test_a_nul_byte_past_the_first_64_kib_says_which_line(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    line = ",".join(row(1).get(h, "") for h in HEADERS).encode() + b"\r\n"  # type: ignore[misc]
    content = csv_file([]) + line * (70_000 // len(line)) + b"A,B\x00,1990-01-01\r\n"
    problem = problem_of(upload(client, cast.provider_a, content))
    assert f"Line {70_000 // len(line) + 2} of the file contains a NUL character" in problem
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_a_cell_longer_than_the_csv_field_limit_is_explained(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(1)]) + b'A,"' + b"x" * 140_000 + b"\r\n"
    assert "longer than 131,072 characters" in problem_of(upload(client, cast.provider_a, content))


def test_a_10_mb_upload_gets_a_clear_message(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    line = ",".join(row(1).get(h, "") for h in HEADERS).encode() + b"\r\n"  # type: ignore[misc]
    content = csv_file([]) + line * (10 * 1024 * 1024 // len(line) + 1)
    assert len(content) > 10 * 1024 * 1024
    response = upload(client, cast.provider_a, content)
    assert response.status_code == 200
    assert "The file is 10 MB; the largest file you can import is 5 MB." in problem_of(response)
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_the_size_limit_can_be_set_in_settings(cast: Cast, client, settings) -> None:
    settings.RECRUIT_IMPORT_MAX_BYTES = 2048
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(n) for n in range(1, 12)])
    assert 2048 < len(content) <= 3072
    problem = problem_of(upload(client, cast.provider_a, content))
    assert "The file is 3 KB; the largest file you can import is 2 KB." in problem


def test_more_than_5000_rows_are_refused(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    line = b"A,B,1990-01-01,PH,P1,,,,,,,,,,,,,,,,\r\n"
    content = ",".join(HEADERS).encode() + b"\r\n" + line * 5001
    assert "more than 5,000 recruits" in problem_of(upload(client, cast.provider_a, content))


def test_a_workbook_with_more_than_5000_rows_is_refused(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = xlsx_file([["A", "B", "1990-01-01", "PH", f"P{n}"] for n in range(5001)])
    assert "more than 5,000 recruits" in problem_of(upload(client, cast.provider_a, content, name="r.xlsx"))


# Files built to cost the server time or memory: bounded by what they really contain ----------------


def test_a_header_thousands_of_columns_wide_is_refused_at_once(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = ("," * 8_000 + ",".join(["Given names"] * 8_000)).encode() + b"\r\n" + b"A,B\r\n"
    problem = problem_of(upload(client, cast.provider_a, content))
    assert "Row 1 has a value in column WQJ, but the file can have at most 60 columns" in problem


def test_header_matching_names_a_few_problems(cast: Cast) -> None:
    from recruits.imports.columns import columns_for
    from recruits.imports.reading import FileProblem

    with pytest.raises(FileProblem) as refusal:
        columns_for([""] * 8_000 + ["Given names"] * 8_000)
    assert "Columns given twice: “Given names”, “Given names”" in str(refusal.value)
    assert "and 7,989 more." in str(refusal.value)


def test_a_workbook_of_a_million_empty_rows_is_refused_without_reading_them_all(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = million_empty_rows()
    assert len(content) < 50_000
    problem = problem_of(upload(client, cast.provider_a, content, name="r.xlsx"))
    assert "more than 50,000 rows, counting empty ones" in problem


def test_a_cell_in_column_xfd_is_refused_not_padded_to(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = cells_in_column(1_500, "XFD")
    problem = problem_of(upload(client, cast.provider_a, content, name="r.xlsx"))
    assert "Row 2 has a value in column XFD, but the file can have at most 60 columns" in problem


def test_workbook_rows_are_not_padded_and_keep_their_row_numbers(cast: Cast, client) -> None:
    """Rows 2 and 5 only, styled empty cells far to the right: the report still says row 5."""
    client.force_login(cast.provider_admin_a)
    good = "".join(f'<c r="{get_column_letter(n)}2" t="inlineStr"><is><t>{v}</t></is></c>'
                   for n, v in enumerate(["Ana", "Lima", "1990-01-01", "PH", "P1"], start=1))  # fmt: skip
    bad = '<c r="A5" t="inlineStr"><is><t>Only</t></is></c><c r="XFD5" s="0"/>'
    response = upload(
        client, cast.provider_a, sheet_of(f'<row r="2">{good}</row><row r="5">{bad}</row>'), name="r.xlsx"
    )
    assert (5, "Family name", "Enter the family name.", "") in errors_of(response)


def test_blank_lines_count_towards_a_row_limit(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    content = csv_file([row(1)]) + b"\r\n" * 50_001
    assert "more than 50,000 rows, counting empty ones" in problem_of(upload(client, cast.provider_a, content))


def test_filled_cells_are_counted_against_a_limit(cast: Cast, client, monkeypatch) -> None:
    from recruits.imports import reading

    monkeypatch.setattr(reading, "RECRUIT_IMPORT_MAX_CELLS", 100)
    client.force_login(cast.provider_admin_a)
    problem = problem_of(upload(client, cast.provider_a, csv_file([row(n) for n in range(1, 20)])))
    assert "The file has more than 100 filled cells" in problem


def test_the_template_width_in_the_messages_is_the_templates() -> None:
    from recruits.imports.reading import TEMPLATE_COLUMNS

    assert len(COLUMNS) == TEMPLATE_COLUMNS


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("recruits.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "neither a CSV file nor an Excel"),
        ("recruits.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x01", "neither a CSV"),
        ("recruits.xlsx", b"Given names,Family name\r\nA,B\r\n", "is not an Excel workbook"),
        ("recruits.xlsx", b"PK\x03\x04" + b"\x00" * 100, "cannot be read"),
        ("recruits.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "older Excel file (.xls)"),
        ("recruits.txt", b"Given names,Family name\r\nA,B\r\n", "Upload a .csv or .xlsx file"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(cast: Cast, client, name, content, message) -> None:
    client.force_login(cast.provider_admin_a)
    assert message in problem_of(upload(client, cast.provider_a, content, name=name))


def test_a_zip_that_is_not_a_workbook_is_refused(cast: Cast, client) -> None:

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    client.force_login(cast.provider_admin_a)
    response = upload(client, cast.provider_a, out.getvalue(), name="recruits.xlsx")
    assert "neither a CSV file nor an Excel workbook" in problem_of(response)


def test_no_file_is_a_form_error(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    response = client.post(URL, {"provider": str(cast.provider_a.public_id)})
    assert response.context["form"].errors["file"] == ["Choose the CSV or Excel file to import"]


# Access -------------------------------------------------------------------------------------------


def test_the_page_documents_the_columns(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_a)
    page = client.get(reverse("recruit_import")).content.decode()
    for header in HEADERS:
        assert f'<th scope="row" class="govuk-table__header">{header}</th>' in page
    assert "“Applied, waiting”" in page and 'enctype="multipart/form-data"' in page


def test_a_provider_admin_is_offered_only_their_own_provider(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_b)
    choices = list(client.get(URL).context["form"].fields["provider"].queryset)
    assert choices == [cast.provider_b]


def test_a_forged_post_for_another_provider_is_a_form_error(cast: Cast, client) -> None:
    client.force_login(cast.provider_admin_b)
    response = upload(client, cast.provider_a, csv_file([row(1)]))
    assert response.context["form"].errors["provider"] == ["Choose one of the providers in the list"]
    assert not Recruit.objects.filter(family_name="Santos").exists()


def test_a_lead_chooses_among_the_providers_of_their_region(cast: Cast, client) -> None:
    sister = ProviderFactory(region=cast.region_a, name="Sister Care")
    client.force_login(cast.lead_a)
    choices = set(client.get(URL).context["form"].fields["provider"].queryset)
    assert choices == {cast.provider_a, sister}

    assert "1 added" in upload(client, sister, csv_file([row(1)])).content.decode()
    assert Recruit.objects.get(given_names="Maria 1").provider == sister
    assert "Choose one of the providers" in str(upload(client, cast.provider_b, csv_file([row(2)])).context["form"])


@pytest.mark.parametrize("who", ["council_officer_a", "recruit_user_a", "national"])
@pytest.mark.parametrize("name", ["recruit_import", "recruit_import_template", "recruit_import_template_xlsx"])
def test_other_roles_are_refused(cast: Cast, client, who: str, name: str) -> None:
    client.force_login(getattr(cast, who))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {"provider": str(cast.provider_a.public_id)}).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
