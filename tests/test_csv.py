"""CSV over HTTP: streamed exports of call-offs and spend, and the all-or-nothing import of existing placements.

Imports run on the module's own demo database; every test uses its own
child references, so the tests do not depend on each other's order.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from api.auth.actor import Role
from api.domain import exports, placement_import
from api.domain.fees import WeeklyFees
from db.engine import create_engine
from db.enums import CostElement
from tests.support import DEMO_NOW, Api, WritableApi

HEADER = (
    "child_reference,age_at_start,gender,primary_need,secondary_needs,home_postcode_district,establishment_urn,"
    "lot_code,start_date,end_date,weeks_per_year,education,care,health,therapies,additional_staffing"
)
CHESHIRE_EAST = 1


# -- the database, read beside the API ------------------------------------------------------------


def sql(api: Api, statement: str, **params: Any) -> list[Any]:
    """Rows of one statement, run on the test database through an engine of its own."""

    async def go() -> list[Any]:
        engine = create_engine(api.app.state.settings.database_url)
        try:
            async with engine.begin() as connection:
                result = await connection.execute(text(statement), params)
                return list(result) if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


def counts(api: Api) -> dict[str, int]:
    """How many call-offs, referrals, invitations and audit events there are."""
    tables = ("call_off", "referral", "referral_invitation", "audit_event")
    return {t: sql(api, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


@dataclass(frozen=True)
class Place:
    """An establishment a member provides a lot through, and an age the lot serves."""

    lot: str
    urn: str
    residential: bool
    age: int


def place(api: Api, *, residential: bool = False) -> Place:
    """A lot of a system Cheshire East buys through, and an establishment of a current member of it."""
    row = sql(
        api,
        """SELECT l.code, e.urn, l.age_min, l.age_max FROM lot_membership lm
           JOIN lot l ON l.id = lm.lot_id
           JOIN system_member s ON s.system_id = l.system_id AND s.authority_id = :authority
           JOIN membership_establishment me ON me.membership_id = lm.id
           JOIN establishment e ON e.id = me.establishment_id AND e.provider_id = lm.provider_id
           WHERE lm.removed_at IS NULL AND l.placement_type = :kind AND l.age_min <= 11 AND l.age_max >= 11
           ORDER BY l.code, e.urn LIMIT 1""",
        authority=CHESHIRE_EAST,
        kind="RESIDENTIAL" if residential else "DAY",
    )[0]
    return Place(lot=row[0], urn=row[1], residential=residential, age=11)


def off_lot_urn(api: Api, lot: str) -> str:
    """An establishment no member provides ``lot`` through."""
    return sql(
        api,
        """SELECT urn FROM establishment WHERE id NOT IN (
             SELECT me.establishment_id FROM membership_establishment me
             JOIN lot_membership lm ON lm.id = me.membership_id JOIN lot l ON l.id = lm.lot_id WHERE l.code = :lot)
           ORDER BY urn LIMIT 1""",
        lot=lot,
    )[0][0]


# -- files -----------------------------------------------------------------------------------------


def row(p: Place, reference: str, **changes: str) -> dict[str, str]:
    values = {
        "child_reference": reference,
        "age_at_start": str(p.age),
        "gender": "MALE",
        "primary_need": "ASD",
        "secondary_needs": "SLCN;SEMH",
        "home_postcode_district": "CW1",
        "establishment_urn": p.urn,
        "lot_code": p.lot,
        "start_date": "2024-09-02",
        "end_date": "2027-07-31",
        "weeks_per_year": "",
        "education": "1500.00",
        "care": "850.25" if p.residential else "",
        "health": "",
        "therapies": "£210.50",
        "additional_staffing": "0",
    }
    values.update(changes)
    return values


def rows_of(p: Place, prefix: str, n: int) -> list[dict[str, str]]:
    return [row(p, f"{prefix}-{i:05d}") for i in range(n)]


def csv_text(rows: list[dict[str, str]], header: str = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = header.split(",")
    writer.writerow(names)
    for values in rows:
        writer.writerow([values.get(n, "") for n in names])
    return out.getvalue()


def spreadsheet_row(index: int) -> int:
    """The spreadsheet row of the ``index``-th placement (from 0): the header is row 1."""
    return index + 2


def post(api: Api, body: str | bytes | Iterator[bytes], token: str, *, dry_run: bool = False, **headers: str) -> Any:
    query = "?dryRun=true" if dry_run else ""
    return api.http.post(
        f"/imports/placements{query}",
        content=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv", **headers},
    )


def commissioner(api: Api, authority_id: int = CHESHIRE_EAST) -> str:
    return api.token(Role.AUTHORITY_COMMISSIONER, authority_id=authority_id)


def errors_of(report: dict[str, Any]) -> list[tuple[int | None, str | None]]:
    return [(e["row"], e["column"]) for e in report["errors"]]


def export(api: Api, path: str, token: str) -> list[dict[str, str]]:
    response = api.http.get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


# -- import: all or nothing --------------------------------------------------------------------------


def test_one_bad_row_among_1000_rejects_the_file_and_writes_nothing(writable: WritableApi) -> None:
    p = place(writable)
    rows = rows_of(p, "CE-ALL", 1000)
    rows[617]["end_date"] = "2023-07-31"  # before the start
    before = counts(writable)
    response = post(writable, csv_text(rows), commissioner(writable))
    assert response.status_code == 422, response.text
    report = response.json()
    assert report["rows"] == 1000 and report["valid"] == 999
    assert report["written"] is False and report["dryRun"] is False
    assert errors_of(report) == [(spreadsheet_row(617), "end_date")]
    assert "2023-07-31 is before the start date 2024-09-02" in report["errors"][0]["message"]
    assert counts(writable) == before


def test_a_dry_run_reports_without_writing(writable: WritableApi) -> None:
    p = place(writable)
    rows = rows_of(p, "CE-DRY", 1000)
    before = counts(writable)
    response = post(writable, csv_text(rows), commissioner(writable), dry_run=True)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "rows": 1000,
        "valid": 1000,
        "errors": [],
        "errorCount": 0,
        "written": False,
        "dryRun": True,
        "callOffs": None,
    }
    rows[3]["primary_need"] = "AUTISM"
    report = post(writable, csv_text(rows), commissioner(writable), dry_run=True).json()
    assert errors_of(report) == [(spreadsheet_row(3), "primary_need")] and report["valid"] == 999
    assert counts(writable) == before


def test_a_good_file_is_written_and_then_exported(writable: WritableApi) -> None:
    day, residential = place(writable), place(writable, residential=True)
    rows = rows_of(day, "CE-GOOD", 500) + rows_of(residential, "CE-GOOD-R", 500)
    before = counts(writable)
    response = post(writable, csv_text(rows), commissioner(writable))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["written"] is True and report["valid"] == 1000 and report["errors"] == []
    after = counts(writable)
    assert after["call_off"] - before["call_off"] == 1000
    assert after["referral"] - before["referral"] == 1000
    assert after["referral_invitation"] - before["referral_invitation"] == 1000
    assert after["audit_event"] - before["audit_event"] == 1  # one event for the import, counts not rows

    first, last = report["callOffs"]["firstReference"], report["callOffs"]["lastReference"]
    assert int(last[-6:]) - int(first[-6:]) == 999
    exported = {r["reference"]: r for r in export(writable, "/exports/call-offs.csv", commissioner(writable))}
    imported = [r for ref, r in exported.items() if first <= ref <= last]
    assert len(imported) == 1000
    sample = exported[last]
    assert sample["status"] == "ACTIVE" and sample["start_date"] == "2024-09-02" and sample["end_date"] == "2027-07-31"
    assert sample["weekly_education"] == "1500.00" and sample["weekly_care"] == "850.25"
    assert sample["weekly_therapies"] == "210.50" and sample["weekly_total"] == "2560.75"
    annual = 256075 * int(sample["weeks_per_year"])
    assert sample["annual_cost"] == f"{annual // 100}.{annual % 100:02d}"
    assert not any("CE-GOOD" in value for r in exported.values() for value in r.values())  # no child references
    other = sql(writable, "SELECT id FROM authority WHERE id <> :id ORDER BY id LIMIT 1", id=CHESHIRE_EAST)[0][0]
    theirs = export(writable, "/exports/call-offs.csv", writable.token(Role.AUTHORITY_ANALYST, authority_id=other))
    assert not [r for r in theirs if first <= r["reference"] <= last]
    their_spend = export(writable, "/exports/spend.csv", writable.token(Role.AUTHORITY_ANALYST, authority_id=other))
    assert not [r for r in their_spend if first <= r["reference"] <= last]

    referral = sql(
        writable,
        """SELECT r.awarded_at, r.secondary_need_1, r.secondary_need_2, c.membership_id, c.weeks_per_year
           FROM call_off c JOIN referral r ON r.id = c.referral_id WHERE c.reference = :ref""",
        ref=first,
    )[0]
    assert referral[0] is not None and (referral[1], referral[2]) == ("SLCN", "SEMH")
    assert referral[3] is not None and referral[4] == 39
    # each running placement's first annual review is due a year after its start (2024-09-02)
    due = sql(
        writable,
        "SELECT COUNT(*), MIN(r.due_on), MAX(r.due_on) FROM annual_review r JOIN call_off c ON c.id = r.call_off_id "
        "WHERE c.reference BETWEEN :first AND :last",
        first=first,
        last=last,
    )[0]
    assert due[0] == 1000 and str(due[1]) == str(due[2]) == "2025-09-02"
    event = sql(writable, "SELECT action, entity_type, diff FROM audit_event ORDER BY id DESC LIMIT 1")[0]
    assert (event[0], event[1]) == ("callOffs.imported", "Authority")
    assert "CE-GOOD" not in str(event[2])

    again = post(writable, csv_text(rows[:3]), commissioner(writable))
    assert again.status_code == 422
    assert [e["message"] for e in again.json()["errors"]][0].startswith("This child already has an open placement")


# -- import: what is checked -----------------------------------------------------------------------


def test_header_problems_name_the_column(writable: WritableApi) -> None:
    p = place(writable)
    token = commissioner(writable)
    good = rows_of(p, "CE-HEAD", 2)

    unknown = post(writable, csv_text(good, HEADER + ",child_name"), token)
    assert unknown.status_code == 422
    assert errors_of(unknown.json()) == [(1, "child_name")] and unknown.json()["rows"] == 0

    missing = post(writable, csv_text(good, HEADER.replace("lot_code,", "")), token)
    assert errors_of(missing.json()) == [(1, "lot_code")]
    assert "lot_code is missing" in missing.json()["errors"][0]["message"]

    repeated = post(writable, csv_text(good, HEADER + ",Education"), token)
    assert errors_of(repeated.json()) == [(1, "education")]

    empty = post(writable, b"", token)
    assert empty.status_code == 422 and errors_of(empty.json()) == [(1, None)]

    header_only = post(writable, HEADER + "\r\n", token)
    assert header_only.status_code == 422 and header_only.json()["rows"] == 0

    # Excel's byte-order mark, spaced and capitalised names, and columns in any order are fine.
    relabelled = "\ufeff" + csv_text(good).replace("child_reference", "Child Reference", 1)
    relabelled_report = post(writable, relabelled.encode(), token, dry_run=True).json()
    assert relabelled_report["valid"] == 2, relabelled_report


def test_each_bad_value_is_named_by_row_and_column(writable: WritableApi) -> None:
    day = place(writable)
    rows = rows_of(day, "CE-BAD", 620)
    problems = {
        2: ("establishment_urn", {"establishment_urn": "999999"}),
        5: ("establishment_urn", {"establishment_urn": off_lot_urn(writable, day.lot)}),
        8: ("secondary_needs", {"secondary_needs": "SLCN;XYZ"}),
        11: ("education", {"education": "-120.00"}),
        14: ("therapies", {"therapies": "12.345"}),
        17: ("care", {"care": "300"}),  # a day lot has no care element
        20: ("age_at_start", {"age_at_start": "24"}),  # outside the lot's band
        23: ("gender", {"gender": "boy"}),
        26: ("start_date", {"start_date": "31/02/2024"}),
        29: ("home_postcode_district", {"home_postcode_district": "CW1 5AB"}),
        32: ("lot_code", {"lot_code": "L99"}),
        35: ("child_reference", {"child_reference": "Jane Smith"}),
        38: ("weeks_per_year", {"weeks_per_year": "53"}),
        41: ("home_postcode_district", {"home_postcode_district": "ZE9"}),  # unknown here, and no location given
        # Twice in the file, in different batches: the second is refused and names the first.
        600: ("child_reference", {"child_reference": rows[1]["child_reference"]}),
    }
    for index, (_, changes) in problems.items():
        rows[index].update(changes)
    rows[44].update(start_date="02/09/2024", education="£1,500.50")  # UK dates and pounds are fine
    before = counts(writable)
    report = post(writable, csv_text(rows), commissioner(writable)).json()
    expected = sorted((spreadsheet_row(i), column) for i, (column, _) in problems.items())
    assert sorted(errors_of(report)) == expected, report["errors"]
    assert report["valid"] == 620 - len(problems)
    duplicate = next(e for e in report["errors"] if e["row"] == spreadsheet_row(600))
    assert f"row {spreadsheet_row(1)}" in duplicate["message"]
    assert counts(writable) == before


def test_rows_are_counted_as_a_spreadsheet_shows_them(writable: WritableApi) -> None:
    p = place(writable)
    rows = rows_of(p, "CE-ROWS", 3)
    rows[0]["child_reference"] = "CE-ROWS-1"
    body = csv_text(rows[:1])
    body += '"CE-ROWS-2",11,FEMALE,ASD,"SLCN\nSEMH",CW1,' + f"{p.urn},{p.lot},2024-09-02,,,1200,,,,\r\n"  # row 3
    body += "\r\n,,,,,,,,,,,,,,,\r\n"  # rows 4 and 5: blank, skipped
    body += csv_text([row(p, "CE-ROWS-3", gender="X")]).split("\r\n", 1)[1]  # row 6
    report = post(writable, body, commissioner(writable), dry_run=True).json()
    assert report["rows"] == 3
    assert errors_of(report) == [(6, "gender")], report


def test_limits_are_refused_clearly(writable: WritableApi, monkeypatch: pytest.MonkeyPatch) -> None:
    p = place(writable)
    token = commissioner(writable)
    limits = placement_import.ImportLimits
    monkeypatch.setattr(placement_import, "ImportLimits", lambda: limits(max_rows=50))
    response = post(writable, csv_text(rows_of(p, "CE-MANY", 60)), token)
    assert response.status_code == 413
    assert errors_of(response.json())[-1] == (spreadsheet_row(50), None)
    assert "at most 50 placements" in response.json()["errors"][-1]["message"]

    monkeypatch.setattr(placement_import, "ImportLimits", lambda: limits(max_bytes=4096))
    declared = post(writable, csv_text(rows_of(p, "CE-BIG", 60)), token)
    assert declared.status_code == 413 and "larger than the 4,096 bytes" in declared.json()["message"]
    streamed = post(writable, iter([csv_text(rows_of(p, "CE-BIG", 60)).encode()]), token)
    assert streamed.status_code == 413 and "larger than the 4,096 bytes" in streamed.json()["errors"][-1]["message"]

    assert post(writable, "a,b\n", token, **{"Content-Type": "application/json"}).status_code == 415
    assert post(writable, b"\xff\xfe" + "x".encode("utf-16-le"), token).status_code == 422


def test_only_a_commissioner_imports_for_their_own_authority(writable: WritableApi) -> None:
    p = place(writable)
    body = csv_text(rows_of(p, "CE-WHO", 2))
    before = counts(writable)
    anonymous = writable.http.post("/imports/placements", content=body, headers={"Content-Type": "text/csv"})
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"].startswith("Bearer")
    for role, tenancy in (
        (Role.AUTHORITY_ANALYST, {"authority_id": CHESHIRE_EAST}),
        (Role.PROVIDER_USER, {"provider_id": 1}),
        (Role.LEAD_ADMIN, {"authority_id": CHESHIRE_EAST}),
        (Role.AUDITOR, {}),
    ):
        refused = post(writable, body, writable.token(role, **tenancy))
        assert refused.status_code == 403, (role, refused.text)
        assert refused.json()["error"] == "FORBIDDEN"
    assert counts(writable) == before

    # Another authority's commissioner imports for that authority, whatever the file says.
    other = sql(writable, "SELECT id FROM authority WHERE id <> :id ORDER BY id LIMIT 1", id=CHESHIRE_EAST)[0][0]
    response = post(writable, body, commissioner(writable, other))
    if response.status_code == 200:
        owners = sql(
            writable,
            "SELECT DISTINCT c.authority_id FROM call_off c JOIN referral r ON r.id = c.referral_id "
            "WHERE r.child_reference LIKE 'CE-WHO-%'",
        )
        assert owners == [(other,)]
    else:  # the other authority does not buy through the lot
        assert response.status_code == 422 and errors_of(response.json())[0][1] == "lot_code"


class PeakMemory:
    """The process's peak resident memory above where it started, sampled every few milliseconds."""

    def __enter__(self) -> PeakMemory:
        self.start = self.peak = resident_bytes()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.done.wait(0.005):
            self.peak = max(self.peak, resident_bytes())

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()

    @property
    def growth(self) -> int:
        return self.peak - self.start


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_a_large_import_is_read_as_it_arrives(writable: WritableApi) -> None:
    """A file sent from a generator is checked as it arrives: the server's memory does not follow the file.

    The server runs in this process, so its memory is this process's. Held
    whole, 8,000 parsed rows would take about ten times the file's size.
    """
    p = place(writable)

    def body(rows: int, tag: str) -> Iterator[bytes]:
        yield (HEADER + "\r\n").encode()
        for start in range(0, rows, 1000):
            yield csv_text(rows_of(p, f"CE-{tag}{start:05d}", 1000)).split("\r\n", 1)[1].encode()

    assert post(writable, body(1000, "WARM"), commissioner(writable), dry_run=True).json()["valid"] == 1000
    size = sum(len(chunk) for chunk in body(8000, "MEM"))
    with PeakMemory() as memory:
        response = post(writable, body(8000, "MEM"), commissioner(writable), dry_run=True)
    assert response.status_code == 200 and response.json()["valid"] == 8000
    assert memory.growth < 4 * size, (memory.growth, size)


# -- export ----------------------------------------------------------------------------------------


def gss_of(api: Api, authority_id: int) -> str:
    return sql(api, "SELECT gss_code FROM authority WHERE id = :id", id=authority_id)[0][0]


def test_exports_are_scoped_to_the_caller(api: Api) -> None:
    everything = export(api, "/exports/call-offs.csv", api.token(Role.AUDITOR))
    assert len(everything) == 242
    assert len(export(api, "/exports/call-offs.csv", api.token(Role.LEAD_ADMIN, authority_id=CHESHIRE_EAST))) == 242
    mine = export(api, "/exports/call-offs.csv", api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST))
    assert mine and {r["authority_gss_code"] for r in mine} == {gss_of(api, CHESHIRE_EAST)}
    assert len(mine) == sum(1 for r in everything if r["authority_gss_code"] == gss_of(api, CHESHIRE_EAST))

    provider_id, name = sql(api, "SELECT p.id, p.legal_name FROM provider p JOIN call_off c ON c.provider_id = p.id")[0]
    theirs = export(api, "/exports/call-offs.csv", api.token(Role.PROVIDER_USER, provider_id=provider_id))
    assert theirs and {r["provider_name"] for r in theirs} == {name}

    spend = export(api, "/exports/spend.csv", api.token(Role.AUTHORITY_COMMISSIONER, authority_id=CHESHIRE_EAST))
    assert {r["authority_gss_code"] for r in spend} == {gss_of(api, CHESHIRE_EAST)}
    assert {r["reference"] for r in spend} <= {r["reference"] for r in mine}


def test_exports_refuse_without_a_token_or_the_role(api: Api) -> None:
    for path in ("/exports/call-offs.csv", "/exports/spend.csv"):
        anonymous = api.http.get(path)
        assert anonymous.status_code == 401 and anonymous.json()["error"] == "UNAUTHENTICATED"
        evaluator = api.token(Role.EVALUATOR, scopes=("calloffs:read",))
        refused = api.http.get(path, headers={"Authorization": f"Bearer {evaluator}"})
        assert refused.status_code == 403 and refused.json()["error"] == "FORBIDDEN"
        unscoped = api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST, scopes=("reports:read",))
        assert api.http.get(path, headers={"Authorization": f"Bearer {unscoped}"}).status_code == 403
    auditor = {"Authorization": f"Bearer {api.token(Role.AUDITOR)}"}
    bad_year = api.http.get("/exports/spend.csv?financialYear=2025-27", headers=auditor)
    assert bad_year.status_code == 400 and bad_year.json()["field"] == "financialYear"
    bad_group = api.http.get("/exports/spend.csv?groupBy=child", headers=auditor)
    assert bad_group.status_code == 400 and bad_group.json()["field"] == "groupBy"


def test_the_call_off_export_streams(api: Api) -> None:
    token = api.token(Role.AUDITOR)
    with api.http.stream("GET", "/exports/call-offs.csv", headers={"Authorization": f"Bearer {token}"}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == 'attachment; filename="call-offs-2026-03-02.csv"'
        assert response.headers.get("transfer-encoding") == "chunked" and "content-length" not in response.headers
        lines = response.iter_lines()
        assert next(lines).split(",") == list(exports.CALL_OFF_COLUMNS)  # read before the rest has arrived
        first = next(csv.reader([next(lines)]))
        assert first[0].startswith("NWFPS-CO-")
        rest = sum(1 for line in lines if line)
    assert rest == 241


def test_spend_per_call_off_adds_up_to_the_groups(api: Api) -> None:
    token = api.token(Role.AUDITOR)
    per_call_off = export(api, "/exports/spend.csv?financialYear=2025-26", token)
    grouped = export(api, "/exports/spend.csv?financialYear=2025-26&groupBy=lot", token)
    assert {r["financial_year"] for r in per_call_off} == {"2025-26"}
    assert sum(int(r["call_offs"]) for r in grouped) == len(per_call_off)
    pence = sum(int(r["committed_spend"].replace(".", "")) for r in per_call_off)
    # Each row is rounded to the penny; each group once, exactly.
    assert abs(pence - sum(int(r["committed_spend"].replace(".", "")) for r in grouped)) <= len(per_call_off) / 2
    assert all(1 <= int(r["days"]) <= 365 for r in per_call_off)


def test_grouped_spend_equals_the_committed_spend_analytics(api: Api) -> None:
    token = api.token(Role.AUTHORITY_ANALYST, authority_id=CHESHIRE_EAST)
    query = """{ committedSpend(scope: OWN_AUTHORITY, groupBy: LOT, financialYear: 2025) {
        groups { placements committedSpend lot { code } } } }"""
    analysed = {
        g["lot"]["code"]: (g["placements"], g["committedSpend"])
        for g in api.gql(query, token=token)["committedSpend"]["groups"]
    }
    exported = {
        r["lot_code"]: (int(r["places"]), int(r["committed_spend"].replace(".", "")))
        for r in export(api, "/exports/spend.csv?financialYear=2025-26&groupBy=lot", token)
    }
    assert exported and exported == analysed


def test_the_export_guards_against_formulas(writable: WritableApi) -> None:
    establishment_id = sql(writable, "SELECT establishment_id FROM call_off ORDER BY id LIMIT 1")[0][0]
    sql(writable, "UPDATE establishment SET name = :name WHERE id = :id", name="=HYPERLINK(1)", id=establishment_id)
    rows = export(writable, "/exports/call-offs.csv", writable.token(Role.AUDITOR))
    names = {r["establishment_name"] for r in rows}
    assert "'=HYPERLINK(1)" in names and "=HYPERLINK(1)" not in names


def test_a_formula_after_a_separator_is_quoted_and_neutralised(writable: WritableApi) -> None:
    title = "Alternative Provision;=cmd|' /C calc'!A0"
    lot_id, code = sql(
        writable, "SELECT l.id, l.code FROM call_off c JOIN lot l ON l.id = c.lot_id ORDER BY c.id LIMIT 1"
    )[0]
    sql(writable, "UPDATE lot SET title = :title WHERE id = :id", title=title, id=lot_id)
    token = writable.token(Role.AUDITOR)
    response = writable.http.get("/exports/spend.csv?groupBy=lot", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    safe = "Alternative Provision;'=cmd|' /C calc'!A0"
    assert f',"{safe}",' in response.text and title not in response.text
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert {r["lot_code"]: r["lot_title"] for r in rows}[code] == safe


# -- the rules behind them ---------------------------------------------------------------------------


def test_committed_spend_is_pro_rata_by_financial_year() -> None:
    weekly = WeeklyFees({CostElement.EDUCATION: 100_000})  # £1,000 a week, 39 weeks: £39,000 a year
    years = exports.committed_spend(
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        terminated_at=None,
        current=weekly,
        amendments=[],
        weeks_per_year=39,
        places=1,
        until=dt.date(2026, 3, 31),
    )
    assert [(y.year.label, y.days) for y in years] == [("2024-25", 90), ("2025-26", 275)]
    assert [y.pence for y in years] == [round(3_900_000 * 90 / 365), round(3_900_000 * 275 / 365)]

    uplift = SimpleNamespace(
        id=1,
        effective_from=dt.date(2025, 4, 1),
        **WeeklyFees({CostElement.EDUCATION: 100_000}).columns("before_"),
        **WeeklyFees({CostElement.EDUCATION: 110_000}).columns("after_"),
    )
    amended = exports.committed_spend(
        start=dt.date(2024, 4, 1),
        end=None,
        terminated_at=None,
        current=WeeklyFees({CostElement.EDUCATION: 110_000}),
        amendments=[uplift],
        weeks_per_year=52,
        places=2,
        until=exports.open_ended_until(today=DEMO_NOW.date(), start=dt.date(2024, 4, 1), year=None),
    )
    assert [(y.year.label, y.pence) for y in amended] == [("2024-25", 100_000 * 104), ("2025-26", 110_000 * 104)]

    never_ran = exports.committed_spend(
        start=dt.date(2025, 10, 1),
        end=None,
        terminated_at=dt.datetime(2025, 9, 30, 12, tzinfo=dt.UTC),
        current=weekly,
        amendments=[],
        weeks_per_year=39,
        places=1,
        until=dt.date(2026, 3, 31),
    )
    assert never_ran == []


def test_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    assert [exports.safe_cell(v) for v in ("=1+1", "+44", "-3", "@SUM", "Bolton", 12, None)] == [
        "'=1+1",
        "'+44",
        "'-3",
        "'@SUM",
        "Bolton",
        "12",
        "",
    ]


def test_a_formula_anywhere_after_a_separator_is_neutralised() -> None:
    cells = {
        "Alternative Provision;=cmd|' /C calc'!A0": "Alternative Provision;'=cmd|' /C calc'!A0",
        "Lot 2,=HYPERLINK(1)": "Lot 2,'=HYPERLINK(1)",
        "a|@SUM(A1)": "a|'@SUM(A1)",
        "a\t+1": "a\t'+1",
        "a;\t=1": "a;\t'=1",
        "a;\tfoo": "a;'\tfoo",
        'Alt;"=cmd|x': "Alt;\"'=cmd|x",  # an empty quoted field before the formula is read as nothing
        "a;'=1": "a;''=1",
        "a;\u00a0=1": "a;\u00a0'=1",  # a no-break space, which a spreadsheet may trim
        "a,\u3000+1": "a,\u3000'+1",
        "a; -1": "a; '-1",
        "  =1+1": "  '=1+1",
        "line one\r\n=1+1": "line one\r\n'=1+1",
        "Bolton - North, day places": "Bolton - North, day places",
        "E-mail: a@b.example": "E-mail: a@b.example",
    }
    assert {v: exports.safe_cell(v) for v in cells} == cells


def test_neutralised_cells_are_quoted_and_read_back_whole() -> None:
    values = ["a;=1", "a|=1", "a,=1", 'say "=1"', "a\t=1", "plain", "-3", "", "two\r\nlines"]

    async def rows() -> Any:
        yield values

    async def collect() -> bytes:
        return b"".join([chunk async for chunk in exports.csv_chunks(tuple(f"c{i}" for i in range(9)), rows())])

    written = asyncio.run(collect()).decode()
    record = written.split("\r\n", 1)[1]
    assert record.startswith('"a;\'=1","a|\'=1","a,\'=1","say ""=1""","a\t\'=1",plain,\'-3,,')
    assert list(csv.reader(io.StringIO(written, newline="")))[1] == [exports.safe_cell(v) for v in values]


def test_the_csv_is_written_in_small_chunks() -> None:
    async def rows() -> Any:
        for i in range(5000):
            yield (f"NWFPS-CO-{i:06d}", "x" * 20)

    async def collect() -> list[bytes]:
        return [chunk async for chunk in exports.csv_chunks(("reference", "note"), rows())]

    chunks = asyncio.run(collect())
    assert len(chunks) > 5 and all(len(c) < exports.CHUNK_CHARS * 2 for c in chunks)
    assert b"".join(chunks).count(b"\r\n") == 5001


def test_the_openapi_description_lists_every_column() -> None:
    spec = yaml.safe_load((Path(__file__).resolve().parent.parent / "openapi" / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    assert tuple(schemas["PlacementImportRow"]["properties"]) == placement_import.COLUMN_NAMES
    assert tuple(schemas["PlacementImportRow"]["required"]) == placement_import.REQUIRED
    assert tuple(schemas["CallOffCsvRow"]["properties"]) == exports.CALL_OFF_COLUMNS
    assert tuple(schemas["SpendCsvRow"]["properties"]) == exports.SPEND_COLUMNS
    grouped = {c for group in exports.SPEND_GROUPS for c in exports.SpendQuery(group=group).columns}
    assert set(schemas["SpendGroupCsvRow"]["properties"]) == grouped
    report = placement_import.ImportReport(dry_run=False).as_json()
    assert set(schemas["PlacementImportReport"]["properties"]) == set(report)
