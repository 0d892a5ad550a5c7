"""The life of a placement: annual reviews, inspections, planned endings and notice, closing establishments.

- ``annual_review``: one row per EHC plan review of an individual placement. Each running individual
  placement gets its first review, due a year after its start (its plan date is not known yet).
- ``inspection`` and ``inspection_judgement``: an establishment's inspection history. The single Ofsted
  grade each establishment held becomes a legacy-grade inspection on its date, and the two columns go;
  going down, the latest legacy grade comes back to them.
- ``referral_match_override``: a commissioner's reason to consider, for one referral, an establishment
  flagged after an inspection.
- ``establishment.concern_since``/``concern_reason`` (set by an inspection that gives cause for concern,
  here by a migrated inadequate grade) and ``closing_on``/``closing_reason``.
- ``call_off.plan_issued_on``, ``phase_end_ages``, ``notice_given_on``/``notice_given_by``,
  ``ending_kind``/``ending_reason``; ``lot.phase_end_ages``; ``specification.notice_period_weeks``;
  the authority's review clocks (``review_interval_months`` 12, ``review_report_days`` 14,
  ``review_decision_days`` 28, ``plan_amendment_days`` 56).
- The document type ``REVIEW_REPORT``.

Plain columns are added and dropped in place; on SQLite, CHECK constraints over them are written into the
stored table definition (see ``db.schema_edits``), since the tables are referred to by others.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base
from db.schema_edits import add_checks, drop_checks, replace_check, values_check

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GRADES = ("1", "2", "3", "4")

_NEW_CHECKS = {
    "call_off": {
        "ck_call_off_notice_has_party": "(notice_given_on IS NULL) = (notice_given_by IS NULL)",
        "ck_call_off_ending_kind_has_reason": "(ending_kind IS NULL) = (ending_reason IS NULL)",
        "ck_call_off_notice_party": values_check("notice_given_by", ("PROVIDER", "AUTHORITY")),
        "ck_call_off_ending_kind": values_check("ending_kind", ("PLANNED", "UNPLANNED")),
        "ck_call_off_ending_reason": values_check(
            "ending_reason",
            (
                "PHASE_END",
                "PHASE_TRANSFER",
                "PLAN_CEASED",
                "NEEDS_CHANGED",
                "MOVED_AWAY",
                "FAMILY_CHOICE",
                "PLACEMENT_BREAKDOWN",
                "SAFEGUARDING",
                "INSPECTION",
                "PROVIDER_CLOSING",
                "OTHER",
            ),
        ),
    },
    "establishment": {
        "ck_establishment_concern_has_reason": "(concern_since IS NULL) = (concern_reason IS NULL)",
        "ck_establishment_closing_has_reason": "(closing_on IS NULL) = (closing_reason IS NULL)",
    },
}


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", db.base.UTCDateTime(timezone=True), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", db.base.UTCDateTime(timezone=True), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "annual_review",
        sa.Column("call_off_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("report_submitted_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("report_submitted_by", sa.String(length=100), nullable=True),
        sa.Column("report_narrative", sa.Text(), nullable=True),
        sa.Column("report_outcomes", sa.JSON(), nullable=True),
        sa.Column("attendance_percent", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("attendees", sa.JSON(), nullable=True),
        sa.Column("decision", _enum("review_decision", "KEEP", "AMEND", "CEASE"), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("amended_plan_issued_on", sa.Date(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "(report_submitted_at IS NULL) = (report_narrative IS NULL)",
            name=op.f("ck_annual_review_report_has_narrative"),
        ),
        sa.CheckConstraint(
            "attendance_percent BETWEEN 0 AND 100", name=op.f("ck_annual_review_attendance_percent_range")
        ),
        sa.CheckConstraint("(held_on IS NULL) = (attendees IS NULL)", name=op.f("ck_annual_review_meeting_has_attendees")),
        sa.CheckConstraint(
            "decision IS NULL OR held_on IS NOT NULL", name=op.f("ck_annual_review_decision_needs_meeting")
        ),
        sa.CheckConstraint("(decision IS NULL) = (decided_on IS NULL)", name=op.f("ck_annual_review_decision_has_date")),
        sa.CheckConstraint(
            "decided_on IS NULL OR decided_on >= held_on", name=op.f("ck_annual_review_decision_after_meeting")
        ),
        sa.CheckConstraint(
            "amended_plan_issued_on IS NULL OR decision = 'AMEND'",
            name=op.f("ck_annual_review_amended_plan_needs_amend_decision"),
        ),
        sa.CheckConstraint("sequence >= 1", name=op.f("ck_annual_review_sequence_positive")),
        sa.ForeignKeyConstraint(
            ["call_off_id"], ["call_off.id"], name=op.f("fk_annual_review_call_off_id_call_off"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_review")),
    )
    op.create_index(op.f("ix_annual_review_call_off_id"), "annual_review", ["call_off_id"])
    op.create_index(op.f("ix_annual_review_due_on"), "annual_review", ["due_on"])
    op.create_index(
        "uq_annual_review_one_upcoming",
        "annual_review",
        ["call_off_id"],
        unique=True,
        sqlite_where=sa.text("held_on IS NULL"),
        postgresql_where=sa.text("held_on IS NULL"),
    )
    op.create_table(
        "inspection",
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("inspectorate", _enum("inspectorate", "OFSTED", "ISI", "CQC"), nullable=False),
        sa.Column(
            "framework",
            _enum("inspection_framework", "LEGACY_GRADE", "REPORT_CARD", "SOCIAL_CARE", "STANDARDS"),
            nullable=False,
        ),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("report_url", sa.String(length=500), nullable=True),
        sa.Column("overall_grade", _enum("ofsted_grade", *_GRADES), nullable=True),
        sa.Column("safeguarding_met", sa.Boolean(), nullable=True),
        sa.Column("standards_met", sa.Boolean(), nullable=True),
        sa.Column("recorded_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "framework NOT IN ('LEGACY_GRADE', 'SOCIAL_CARE') OR overall_grade IS NOT NULL",
            name=op.f("ck_inspection_graded_framework_has_grade"),
        ),
        sa.CheckConstraint(
            "framework IN ('LEGACY_GRADE', 'SOCIAL_CARE') OR overall_grade IS NULL",
            name=op.f("ck_inspection_grade_only_where_graded"),
        ),
        sa.CheckConstraint(
            "framework <> 'REPORT_CARD' OR safeguarding_met IS NOT NULL",
            name=op.f("ck_inspection_report_card_safeguarding"),
        ),
        sa.CheckConstraint(
            "framework <> 'STANDARDS' OR standards_met IS NOT NULL", name=op.f("ck_inspection_standards_judged")
        ),
        sa.CheckConstraint(
            "published_on IS NULL OR published_on >= inspected_on",
            name=op.f("ck_inspection_published_after_inspection"),
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_inspection_establishment_id_establishment"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection")),
    )
    op.create_index(op.f("ix_inspection_establishment_id"), "inspection", ["establishment_id"])
    op.create_table(
        "inspection_judgement",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column(
            "area",
            _enum(
                "report_card_area",
                "INCLUSION",
                "CURRICULUM_AND_TEACHING",
                "ACHIEVEMENT",
                "ATTENDANCE_AND_BEHAVIOUR",
                "PERSONAL_DEVELOPMENT",
                "LEADERSHIP_AND_GOVERNANCE",
                "EARLY_YEARS",
                "SIXTH_FORM",
            ),
            nullable=False,
        ),
        sa.Column(
            "grade",
            _enum("report_card_grade", "EXCEPTIONAL", "STRONG", "EXPECTED", "NEEDS_ATTENTION", "URGENT_IMPROVEMENT"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspection.id"],
            name=op.f("fk_inspection_judgement_inspection_id_inspection"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("inspection_id", "area", name=op.f("pk_inspection_judgement")),
    )
    op.create_table(
        "referral_match_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("establishment_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referral.id"],
            name=op.f("fk_referral_match_override_referral_id_referral"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["establishment_id"],
            ["establishment.id"],
            name=op.f("fk_referral_match_override_establishment_id_establishment"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_match_override")),
        sa.UniqueConstraint(
            "referral_id", "establishment_id", name=op.f("uq_referral_match_override_referral_id_establishment_id")
        ),
    )
    op.create_index(
        op.f("ix_referral_match_override_establishment_id"), "referral_match_override", ["establishment_id"]
    )

    op.add_column("authority", sa.Column("review_interval_months", sa.Integer(), server_default="12", nullable=False))
    op.add_column("authority", sa.Column("review_report_days", sa.Integer(), server_default="14", nullable=False))
    op.add_column("authority", sa.Column("review_decision_days", sa.Integer(), server_default="28", nullable=False))
    op.add_column("authority", sa.Column("plan_amendment_days", sa.Integer(), server_default="56", nullable=False))
    op.add_column("lot", sa.Column("phase_end_ages", sa.JSON(), nullable=True))
    op.add_column("specification", sa.Column("notice_period_weeks", sa.Integer(), nullable=True))
    for column in (
        sa.Column("plan_issued_on", sa.Date(), nullable=True),
        sa.Column("phase_end_ages", sa.JSON(), nullable=True),
        sa.Column("notice_given_on", sa.Date(), nullable=True),
        sa.Column("notice_given_by", sa.String(length=32), nullable=True),
        sa.Column("ending_kind", sa.String(length=32), nullable=True),
        sa.Column("ending_reason", sa.String(length=32), nullable=True),
    ):
        op.add_column("call_off", column)
    add_checks("call_off", _NEW_CHECKS["call_off"])
    for column in (
        sa.Column("concern_since", sa.Date(), nullable=True),
        sa.Column("concern_reason", sa.Text(), nullable=True),
        sa.Column("closing_on", sa.Date(), nullable=True),
        sa.Column("closing_reason", sa.Text(), nullable=True),
    ):
        op.add_column("establishment", column)
    add_checks("establishment", _NEW_CHECKS["establishment"])

    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    graded = bind.execute(
        sa.text("SELECT id, ofsted_grade, ofsted_date FROM establishment WHERE ofsted_grade IS NOT NULL")
    ).all()
    inspection = sa.table(
        "inspection",
        sa.column("establishment_id", sa.Integer),
        sa.column("inspectorate", sa.String),
        sa.column("framework", sa.String),
        sa.column("inspected_on", sa.Date),
        sa.column("overall_grade", sa.String),
        sa.column("recorded_at", db.base.UTCDateTime(timezone=True)),
    )
    if graded:
        op.bulk_insert(
            inspection,
            [
                {
                    "establishment_id": row.id,
                    "inspectorate": "OFSTED",
                    "framework": "LEGACY_GRADE",
                    "inspected_on": _date(row.ofsted_date) or now.date(),
                    "overall_grade": row.ofsted_grade,
                    "recorded_at": now,
                }
                for row in graded
            ],
        )
    for row in graded:
        if row.ofsted_grade == "4":
            since = _date(row.ofsted_date) or now.date()
            bind.execute(
                sa.text(
                    "UPDATE establishment SET concern_since = :since, concern_reason = :reason WHERE id = :id"
                ),
                {
                    "id": row.id,
                    "since": since,
                    # as api.domain.inspections.concern_reason words it
                    "reason": f"Ofsted graded inspection, {since.day} {since:%B %Y}: judged inadequate",
                },
            )
    drop_checks("establishment", ["ck_establishment_ofsted_grade"])
    op.drop_column("establishment", "ofsted_grade")
    op.drop_column("establishment", "ofsted_date")

    running = bind.execute(
        sa.text(
            "SELECT id, start_date FROM call_off WHERE type = 'INDIVIDUAL_PLACEMENT' AND terminated_at IS NULL "
            "AND (end_date IS NULL OR end_date >= :today)"
        ),
        {"today": now.date()},
    ).all()
    review = sa.table(
        "annual_review", sa.column("call_off_id", sa.Integer), sa.column("sequence", sa.Integer), sa.column("due_on", sa.Date)
    )
    if running:
        op.bulk_insert(
            review,
            [{"call_off_id": row.id, "sequence": 1, "due_on": _year_after(_date(row.start_date))} for row in running],
        )
    _documents(_AFTER, was=_BEFORE)


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value))


def _year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: the 28th of the next year
        return day.replace(year=day.year + 1, day=28)


_BEFORE = (
    "SPECIFICATION",
    "INSURANCE",
    "SAFEGUARDING_POLICY",
    "OFSTED_REPORT",
    "EVALUATION_REPORT",
    "SIGNED_IPA",
    "OUTCOME_EVIDENCE",
    "INVOICE",
    "UPLIFT_EVIDENCE",
    "OTHER",
)
_AFTER = (*_BEFORE[:-1], "REVIEW_REPORT", "OTHER")


def _documents(now: tuple[str, ...], *, was: tuple[str, ...]) -> None:
    replace_check(
        "document",
        "ck_document_document_type",
        was=[values_check("document_type", was)],
        now=values_check("document_type", now),
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM document WHERE document_type = 'REVIEW_REPORT')").scalar():
        raise RuntimeError("There is an annual review report document: remove it first. Nothing was changed.")
    _documents(_BEFORE, was=_AFTER)

    op.add_column("establishment", sa.Column("ofsted_grade", sa.String(length=32), nullable=True))
    op.add_column("establishment", sa.Column("ofsted_date", sa.Date(), nullable=True))
    latest = bind.execute(
        sa.text(
            "SELECT establishment_id, overall_grade, inspected_on FROM inspection WHERE framework = 'LEGACY_GRADE' "
            "ORDER BY establishment_id, inspected_on, id"
        )
    ).all()
    for row in latest:  # the last one written per establishment wins: its latest
        bind.execute(
            sa.text("UPDATE establishment SET ofsted_grade = :grade, ofsted_date = :day WHERE id = :id"),
            {"grade": row.overall_grade, "day": _date(row.inspected_on), "id": row.establishment_id},
        )
    add_checks("establishment", {"ck_establishment_ofsted_grade": values_check("ofsted_grade", _GRADES)})
    drop_checks("establishment", ["ck_establishment_concern_has_reason", "ck_establishment_closing_has_reason"])
    for column in ("concern_since", "concern_reason", "closing_on", "closing_reason"):
        op.drop_column("establishment", column)

    drop_checks(
        "call_off",
        [
            "ck_call_off_notice_has_party",
            "ck_call_off_ending_kind_has_reason",
            "ck_call_off_notice_party",
            "ck_call_off_ending_kind",
            "ck_call_off_ending_reason",
        ],
    )
    for column in ("plan_issued_on", "phase_end_ages", "notice_given_on", "notice_given_by", "ending_kind", "ending_reason"):
        op.drop_column("call_off", column)
    op.drop_column("specification", "notice_period_weeks")
    op.drop_column("lot", "phase_end_ages")
    for column in ("review_interval_months", "review_report_days", "review_decision_days", "plan_amendment_days"):
        op.drop_column("authority", column)

    op.drop_index(op.f("ix_referral_match_override_establishment_id"), table_name="referral_match_override")
    op.drop_table("referral_match_override")
    op.drop_table("inspection_judgement")
    op.drop_index(op.f("ix_inspection_establishment_id"), table_name="inspection")
    op.drop_table("inspection")
    op.drop_index(
        "uq_annual_review_one_upcoming",
        table_name="annual_review",
        sqlite_where=sa.text("held_on IS NULL"),
        postgresql_where=sa.text("held_on IS NULL"),
    )
    op.drop_index(op.f("ix_annual_review_due_on"), table_name="annual_review")
    op.drop_index(op.f("ix_annual_review_call_off_id"), table_name="annual_review")
    op.drop_table("annual_review")
