"""Invoices over HTTP: checked line by line against the agreement (the 38-week example of
tests/test_term_dates.py, worked by hand there), approved and shared out to the funders, disputed, refused as
duplicates, the 30-day clock over a bank holiday, payment performance, a race of two approvals, and who sees
what."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from api.auth.actor import Role
from api.domain.invoices import due_on, received_on
from tests.support import DEMO_NOW, StatementCounter, WritableApi
from tests.test_calloffs import block_input, commissioner_of, lot_by_code, member_place, simultaneously
from tests.test_csv import export
from tests.test_offers import Demo, demo_of, node, ok, pk, refused
from tests.test_round_end_to_end import signed_in
from tests.test_term_dates import SCHOOL_2026_27

UK_TZ = dt.UTC
INVOICE = """
  id reference status periodStart periodEnd dueOn total expected difference overdue paidLate paidOn
  paymentReference version approvedBy
  lines { id element quantity unit rate amount expected difference disputeReason }
  shares { amount funder { stream authority { id } integratedCareBoard { id } } }
"""
INVOICE_QUERY = f"query($id: ID!) {{ node(id: $id) {{ ... on Invoice {{ {INVOICE} }} }} }}"


@pytest.fixture(scope="module")
def demo(writable_with_people: WritableApi) -> Demo:
    writable_with_people.at(DEMO_NOW)
    return demo_of(writable_with_people)


def block(demo: Demo, *, subject: str) -> tuple[dict[str, Any], str, str]:
    """A 38-week block of two places for Cheshire East, uplifted from 19 April 2027, at a school with its own
    2026/27 term dates; returns it, the commissioner's token and the provider's."""
    api = demo.api
    api.at(DEMO_NOW)
    commissioner = commissioner_of(demo, subject=subject)
    lot = lot_by_code(demo, "L2")
    establishment, _ = member_place(demo, lot, places=2)
    made = ok(
        api,
        "createBlockContract",
        block_input(
            lot,
            establishment,
            places=2,
            startDate="2026-09-01",
            endDate="2027-12-31",
            weeklyFees={"education": 123_457, "therapies": 25_000},
        ),
        commissioner,
        "callOff { id version provider { id } }",
    )["callOff"]
    ok(
        api,
        "amendCallOffFees",
        {
            "callOff": made["id"],
            "version": made["version"],
            "effectiveFrom": "2027-04-19",
            "reason": "ANNUAL_UPLIFT",
            "note": "3%.",
            "weeklyFees": {"education": 127_161, "therapies": 25_750},
        },
        commissioner,
    )
    ok(
        api,
        "setTermDates",
        {"academicYear": 2026, "establishment": establishment, "periods": SCHOOL_2026_27},
        api.token(Role.LEAD_ADMIN),
    )
    return made, commissioner, demo.provider(made["provider"]["id"])


def lines(education: int, therapies: int) -> list[dict[str, Any]]:
    """Two lines; the quantities and rates are the provider's working, the amounts what is compared."""
    return [
        {"element": "EDUCATION", "quantity": "1", "unit": "WEEK", "rate": 246_914, "amount": education},
        {"element": "THERAPIES", "quantity": "1", "unit": "WEEK", "rate": 50_000, "amount": therapies},
    ]


def submit(
    api: WritableApi,
    call_off: str,
    reference: str,
    start: str,
    end: str,
    token: str,
    amounts: tuple[int, int] = (2_385_190, 490_000),
) -> dict[str, Any]:
    return api.gql(
        """mutation($i: SubmitInvoiceInput!) { submitInvoice(input: $i) { __typename
          ... on MutationError { message field } ... on InvoicePayload { invoice { id version } } } }""",
        {
            "i": {
                "callOff": call_off,
                "reference": reference,
                "periodStart": start,
                "periodEnd": end,
                "lines": lines(*amounts),
            }
        },
        token=token,
    )["submitInvoice"]


def test_an_invoice_is_checked_line_by_line_approved_and_shared_out(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.invoices")
    sent = submit(api, made["id"], "INV-2027-001", "2027-02-03", "2027-04-30", provider)
    assert sent["__typename"] == "InvoicePayload", sent
    invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
    assert invoice["status"] == "SUBMITTED" and invoice["overdue"] is False
    # received on Monday 2 March 2026 at midday: due 30 days on
    assert invoice["dueOn"] == "2026-04-01"
    education, therapies = invoice["lines"]
    # as worked by hand in tests/test_term_dates.py: £23,851.90 and £4,830.00 are due
    assert (education["expected"], education["difference"]) == (2_385_190, 0)
    assert (therapies["expected"], therapies["difference"]) == (483_000, 7_000)  # billed £70.00 above
    assert invoice["expected"] == 2_868_190 and invoice["total"] == 2_875_190 and invoice["difference"] == 7_000

    finance = signed_in(api, "ce.finance", "demo-password")
    approved = ok(
        api,
        "approveInvoice",
        {"invoice": invoice["id"], "version": invoice["version"]},
        finance,
        f"invoice {{ {INVOICE} }}",
    )["invoice"]
    assert approved["status"] == "APPROVED" and approved["approvedBy"] == "ce.finance"
    assert sum(s["amount"] for s in approved["shares"]) == approved["total"]
    assert {s["funder"]["stream"] for s in approved["shares"]} <= {"EDUCATION", "SOCIAL_CARE", "HEALTH"}
    # the provider sees its invoice, approved, but not who approved it nor who pays what
    theirs = node(api, INVOICE_QUERY, invoice["id"], provider)
    assert theirs["status"] == "APPROVED" and theirs["approvedBy"] is None and theirs["shares"] == []

    paid = ok(
        api,
        "recordInvoicePayment",
        {
            "invoice": invoice["id"],
            "version": approved["version"],
            "paidOn": "2026-03-02",
            "paymentReference": "BACS-000917",
        },
        finance,
        f"invoice {{ {INVOICE} }}",
    )["invoice"]
    assert paid["status"] == "PAID" and paid["paidLate"] is False and paid["paymentReference"] == "BACS-000917"

    rows = {r["invoice_reference"]: r for r in export(api, "/exports/invoices.csv", finance)}
    row = rows["INV-2027-001"]
    assert row["amount"] == "28751.90" and row["paid_on"] == "2026-03-02" and row["due_on"] == "2026-04-01"
    paid_by = sum(Decimal(row[c]) for c in ("education_budgets", "social_care_budgets", "health"))
    assert paid_by == Decimal("28751.90")
    assert api.http.get("/exports/invoices.csv", headers={"Authorization": f"Bearer {provider}"}).status_code == 403


def test_a_disputed_line_goes_back_to_the_provider_who_sends_a_corrected_invoice(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.disputes")
    sent = submit(api, made["id"], "INV-2027-010", "2027-02-03", "2027-04-30", provider)
    invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
    therapies = invoice["lines"][1]
    refused(
        api,
        "disputeInvoice",
        {"invoice": invoice["id"], "version": invoice["version"], "lines": []},
        commissioner,
        "ValidationError",
        "input.lines",
    )
    why = "Therapies are £257.50 a week from 19 April, as agreed: £4,830.00 is due, not £4,900.00."
    disputed = ok(
        api,
        "disputeInvoice",
        {"invoice": invoice["id"], "version": invoice["version"], "lines": [{"line": therapies["id"], "reason": why}]},
        commissioner,
        f"invoice {{ {INVOICE} }}",
    )["invoice"]
    assert disputed["status"] == "DISPUTED"
    assert [line["disputeReason"] for line in node(api, INVOICE_QUERY, invoice["id"], provider)["lines"]] == [None, why]
    refused(
        api,
        "approveInvoice",
        {"invoice": invoice["id"], "version": disputed["version"]},
        commissioner,
        "InvalidTransition",
        "input.invoice",
    )
    # the same days again, corrected, under a new reference; the old reference is spent
    again = submit(api, made["id"], "INV-2027-010", "2027-02-03", "2027-04-30", provider, (2_385_190, 483_000))
    assert again["__typename"] == "Duplicate" and again["field"] == "input.reference"
    corrected = submit(api, made["id"], "INV-2027-010A", "2027-02-03", "2027-04-30", provider, (2_385_190, 483_000))
    assert corrected["__typename"] == "InvoicePayload", corrected
    assert node(api, INVOICE_QUERY, corrected["invoice"]["id"], commissioner)["difference"] == 0


def test_duplicates_are_refused_and_nothing_is_written(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.duplicates")
    assert (
        submit(api, made["id"], "INV-2026-100", "2026-09-02", "2026-10-23", provider)["__typename"] == "InvoicePayload"
    )
    overlap = submit(api, made["id"], "INV-2026-101", "2026-10-01", "2026-11-30", provider)
    assert overlap["__typename"] == "Duplicate" and overlap["field"] == "input.periodStart"
    assert "INV-2026-100" in overlap["message"]
    before_start = submit(api, made["id"], "INV-2026-102", "2026-08-01", "2026-08-31", provider)
    assert before_start["__typename"] == "ValidationError" and before_start["field"] == "input.periodStart"
    listed = api.gql(
        "query($c: ID!) { invoices(first: 10, filter: {callOff: $c}) { totalCount } }",
        {"c": made["id"]},
        token=commissioner,
    )["invoices"]["totalCount"]
    assert listed == 1


def test_the_30_day_clock_starts_on_the_next_working_day() -> None:
    london = dt.timezone(dt.timedelta(hours=1))  # British Summer Time
    # Thursday 25 March 2027 before 17:00: received that day, due 30 days on
    assert due_on(dt.datetime(2027, 3, 25, 16, 59, tzinfo=dt.UTC)) == dt.date(2027, 4, 24)
    # after 17:00 on Thursday 25 March: Good Friday (26th), the weekend and Easter Monday (29th) are not working
    # days, so it counts from Tuesday 30 March, and payment is due on Thursday 29 April
    assert received_on(dt.datetime(2027, 3, 25, 17, 30, tzinfo=dt.UTC)) == dt.date(2027, 3, 30)
    assert due_on(dt.datetime(2027, 3, 26, 10, 0, tzinfo=dt.UTC)) == dt.date(2027, 4, 29)
    # the cut-off is in UK time: 16:30 UTC on 1 June is 17:30 in London
    assert received_on(dt.datetime(2027, 6, 1, 16, 30, tzinfo=dt.UTC)) == dt.date(2027, 6, 2)
    assert received_on(dt.datetime(2027, 6, 1, 16, 30, tzinfo=london)) == dt.date(2027, 6, 1)


def test_an_invoice_received_on_good_friday_and_payment_performance(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.clock")
    good_friday = dt.datetime(2026, 4, 3, 11, 0, tzinfo=dt.UTC)
    api.at(good_friday)
    try:
        late = submit(api, made["id"], "INV-2026-200", "2026-09-02", "2026-09-30", provider)
        on_time = submit(api, made["id"], "INV-2026-201", "2026-10-01", "2026-10-23", provider)
        for sent in (late, on_time):
            invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
            assert invoice["dueOn"] == "2026-05-07"  # from Tuesday 7 April, after Easter Monday
            ok(api, "approveInvoice", {"invoice": invoice["id"], "version": invoice["version"]}, commissioner)
        api.at(dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC))
        for sent, paid_on in ((late, "2026-05-20"), (on_time, "2026-05-07")):
            invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
            ok(
                api,
                "recordInvoicePayment",
                {
                    "invoice": invoice["id"],
                    "version": invoice["version"],
                    "paidOn": paid_on,
                    "paymentReference": f"BACS-{paid_on}",
                },
                commissioner,
            )
        paid_late = api.gql(
            "query($c: ID!) { invoices(first: 10, filter: {callOff: $c, paidLate: true}) { nodes { reference } } }",
            {"c": made["id"]},
            token=commissioner,
        )["invoices"]["nodes"]
        assert [n["reference"] for n in paid_late] == ["INV-2026-200"]
        authority = api.gql(
            "query($id: ID!) { node(id: $id) { ... on CallOff { authority { id } } } }",
            {"id": made["id"]},
            token=commissioner,
        )["node"]["authority"]["id"]
        figures = api.gql(
            "query($a: ID!) { paymentPerformance(authority: $a, year: 2026, half: 1) { firstDay lastDay "
            "invoicesPaid paidWithin30Days sharePaidWithin30Days averageDaysToPay } }",
            {"a": authority},
        )["paymentPerformance"]  # public, as the notice is
        # received 7 April: paid 20 May is 43 days, 7 May is 30 days: one of two within 30, average 36.5
        assert figures == {
            "firstDay": "2026-04-01",
            "lastDay": "2026-09-30",
            "invoicesPaid": 2,
            "paidWithin30Days": 1,
            "sharePaidWithin30Days": "50.0",
            "averageDaysToPay": "36.5",
        }
    finally:
        api.at(DEMO_NOW)


def test_two_approvals_at_once_make_one_approval_and_one_stale_version(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.race")
    sent = submit(api, made["id"], "INV-2026-300", "2026-09-02", "2026-10-23", provider)
    invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
    finance = api.token(
        Role.AUTHORITY_FINANCE,
        authority_id=pk(
            api.gql(
                "query($id: ID!) { node(id: $id) { ... on CallOff { authority { id } } } }",
                {"id": made["id"]},
                token=commissioner,
            )["node"]["authority"]["id"]
        ),
        subject="finance.second",
    )
    decision = {"invoice": invoice["id"], "version": invoice["version"]}
    results = simultaneously(
        api,
        [("approveInvoice", decision, commissioner), ("approveInvoice", decision, finance)],
        selection="invoice { id status }",
    )
    kinds = sorted(r["__typename"] for r in results)
    assert kinds == ["InvoicePayload", "StaleVersion"], results
    shares = node(api, INVOICE_QUERY, invoice["id"], commissioner)["shares"]
    assert sum(s["amount"] for s in shares) == node(api, INVOICE_QUERY, invoice["id"], commissioner)["total"]


def test_invoices_are_closed_to_everyone_else(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.closed")
    sent = submit(api, made["id"], "INV-2026-400", "2026-11-02", "2026-12-18", provider)
    invoice = node(api, INVOICE_QUERY, sent["invoice"]["id"], commissioner)
    others = {
        "another provider": demo.provider("UHJvdmlkZXI6OTk5OTk5"),
        "another authority's finance": api.token(Role.AUTHORITY_FINANCE, authority_id=999_999),
        "a board": api.token(Role.ICB_COMMISSIONER, board_id=1),
        "an evaluator": api.token(Role.EVALUATOR, subject="evaluator-1"),
    }
    for who, token in others.items():
        body = api.post(INVOICE_QUERY, {"id": invoice["id"]}, token=token).json()
        assert body["data"]["node"] is None, who
        body = api.post("{ invoices(first: 5) { totalCount } }", token=token).json()
        assert (body.get("data") or {}).get("invoices", {"totalCount": 0})["totalCount"] == 0 or body["errors"], who
        decided = api.post(
            "mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }",
            {"i": {"invoice": invoice["id"], "version": invoice["version"]}},
            token=token,
        ).json()
        outcome = (
            decided["errors"][0]["extensions"]["code"]
            if decided.get("errors")
            else decided["data"]["approveInvoice"]["__typename"]
        )
        assert outcome in ("FORBIDDEN", "NotFound", "Forbidden"), (who, decided)
    # the provider sends, never decides
    body = api.post(
        "mutation($i: ApproveInvoiceInput!) { approveInvoice(input: $i) { __typename } }",
        {"i": {"invoice": invoice["id"], "version": invoice["version"]}},
        token=provider,
    ).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # nor invoices another provider's placement
    other = api.gql("{ callOffs(first: 50) { nodes { id provider { id } } } }", token=api.token(Role.AUDITOR))
    foreign = next(c["id"] for c in other["callOffs"]["nodes"] if c["provider"]["id"] != made["provider"]["id"])
    assert submit(api, foreign, "INV-X", "2026-09-02", "2026-09-30", provider)["__typename"] == "NotFound"


def test_listing_invoices_costs_the_same_for_1_and_3(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.counts")
    for n, (start, end) in enumerate(
        (("2026-09-02", "2026-09-30"), ("2026-10-01", "2026-10-23"), ("2026-11-02", "2026-11-30"))
    ):
        assert submit(api, made["id"], f"INV-C-{n}", start, end, provider)["__typename"] == "InvoicePayload"
    query = """query($n: Int!, $c: ID!) { invoices(first: $n, filter: {callOff: $c}) { edges { node {
      reference status total expected overdue lines { element amount expected difference }
      shares { amount } callOff { reference } provider { legalName } authority { code }
    } } } }"""
    counts = []
    for n in (1, 3):
        with StatementCounter(api.app) as counter:
            found = api.gql(query, {"n": n, "c": made["id"]}, token=commissioner)["invoices"]["edges"]
        assert len(found) == n
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_invoices_are_checked_for_sense_and_sent_at_once_settle_one_by_one(demo: Demo) -> None:
    api = demo.api
    made, commissioner, provider = block(demo, subject="commissioner.sense")

    def send(reference: str, start: str, end: str, lines_: list[dict[str, Any]]) -> dict[str, Any]:
        return api.gql(
            """mutation($i: SubmitInvoiceInput!) { submitInvoice(input: $i) { __typename
              ... on MutationError { message field } ... on InvoicePayload { invoice { id expected } } } }""",
            {
                "i": {
                    "callOff": made["id"],
                    "reference": reference,
                    "periodStart": start,
                    "periodEnd": end,
                    "lines": lines_,
                }
            },
            token=provider,
        )["submitInvoice"]

    day = {"element": "EDUCATION", "quantity": "1", "unit": "DAY", "rate": 49_383, "amount": 49_383}
    nothing = send("S-0", "2026-09-07", "2026-09-07", [{**day, "amount": 0, "rate": 0}])
    assert nothing["__typename"] == "ValidationError" and nothing["field"] == "input.lines"
    too_many = send("S-1", "2026-09-07", "2026-09-07", [{**day, "quantity": "200"}])
    assert too_many["__typename"] == "ValidationError" and too_many["field"] == "input.lines[0].quantity"
    # education and therapies for the same days on separate invoices; each once
    education = send("S-2", "2026-09-07", "2026-09-11", [{**day, "quantity": "5", "amount": 246_914}])
    therapies = send(
        "S-3",
        "2026-09-07",
        "2026-09-11",
        [{"element": "THERAPIES", "quantity": "1", "unit": "WEEK", "rate": 50_000, "amount": 50_000}],
    )
    assert education["__typename"] == therapies["__typename"] == "InvoicePayload", (education, therapies)
    # what is due is for the elements billed: 5 school days of two places' education, a week's fee each
    assert education["invoice"]["expected"] == 2 * 123_457 and therapies["invoice"]["expected"] == 2 * 25_000
    again = send("S-4", "2026-09-10", "2026-09-18", [{**day, "quantity": "7", "amount": 345_681}])
    assert again["__typename"] == "Duplicate" and "S-2" in again["message"]
    # four invoices for the same days sent at the same moment: one is received, three are duplicates
    lines_ = [{**day, "quantity": "2", "amount": 98_766}]
    results = simultaneously(
        api,
        [
            (
                "submitInvoice",
                {
                    "callOff": made["id"],
                    "reference": f"S-RACE-{n}",
                    "periodStart": "2026-09-14",
                    "periodEnd": "2026-09-15",
                    "lines": lines_,
                },
                provider,
            )
            for n in range(4)
        ],
        selection="invoice { id }",
    )
    assert sorted(r["__typename"] for r in results) == ["Duplicate", "Duplicate", "Duplicate", "InvoicePayload"]
    # a very large invoice is answered, and its difference read, whatever its size
    big = [
        {"element": e, "quantity": "40", "unit": "WEEK", "rate": 10_000_000, "amount": 1_000_000_000}
        for e in ("EDUCATION", "CARE", "HEALTH", "THERAPIES", "ADDITIONAL_STAFFING")
    ]
    huge = send("S-BIG", "2027-01-04", "2027-08-31", big)
    assert huge["__typename"] == "InvoicePayload", huge
    listed = api.gql(
        "query($c: ID!) { invoices(first: 50, filter: {callOff: $c}) { nodes { reference difference } } }",
        {"c": made["id"]},
        token=commissioner,
    )["invoices"]["nodes"]
    assert next(n for n in listed if n["reference"] == "S-BIG")["difference"] > 2**31
