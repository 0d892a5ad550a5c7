// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "CallOff",
 "title": "Placement",
 "description": "A place bought from you for one child, or a block of places, under a contract with a council.",
 "document": "query CallOffPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on CallOff {\n      __typename\n      id\n      reference\n      status\n      type\n      establishment {\n        __typename\n        id\n        name\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n      endDate\n      endReason\n      terminatedAt\n      terminationReason\n      places\n      weeksPerYear\n      weeklyTotal\n      annualCost\n      awardedAt\n      latestOutcomeReport {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n        phaseEndAges\n      }\n      membership {\n        __typename\n        id\n        lot {\n          __typename\n          id\n          code\n          title\n        }\n      }\n      weeklyFees {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      amendments {\n        __typename\n        id\n        effectiveFrom\n        reason\n        note\n        agreedAt\n        scheduled\n        before {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n          total\n        }\n        after {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n          total\n        }\n      }\n      outcomeReports {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        period\n        status\n        term\n        dueAt\n        submittedAt\n        queriedAt\n      }\n      termsToReport {\n        period\n        dueAt\n        report {\n          __typename\n          id\n          callOff {\n            reference\n          }\n          period\n        }\n      }\n      planIssuedOn\n      nextReview {\n        __typename\n        id\n        callOff {\n          reference\n        }\n      }\n      reviews {\n        __typename\n        id\n        callOff {\n          reference\n        }\n        status\n        dueOn\n        meetingOn\n        reportDueOn\n      }\n      standstillEndsAt\n      enteredIntoAt\n      directAwardGround\n      notices {\n        __typename\n        id\n        findATenderType\n        noticeType\n        status\n        publishedAt\n      }\n      phaseEndAges\n      ownPhaseEndAges\n      plannedEndOn\n      plannedEndAge\n      endsOn\n      phaseTransferDeadline\n      daysToPhaseTransferDeadline\n      notice {\n        givenOn\n        givenBy\n        reason\n        kind\n      }\n      endingKind\n      endingReason\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "CallOffStatus"
  },
  {
   "name": "type",
   "label": "Type of contract",
   "list": false,
   "kind": "enum",
   "type": "CallOffType"
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "authority",
   "label": "Council",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
  },
  {
   "name": "startDate",
   "label": "Start date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "endDate",
   "label": "End date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "endReason",
   "label": "Why it ends then",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "terminatedAt",
   "label": "Ended early",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "terminationReason",
   "label": "Why it ended early",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "places",
   "label": "Places",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "weeksPerYear",
   "label": "Weeks a year",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "plain"
  },
  {
   "name": "weeklyTotal",
   "label": "Weekly cost",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "annualCost",
   "label": "Annual cost",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "awardedAt",
   "label": "Awarded",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "latestOutcomeReport",
   "label": "Latest outcome report",
   "list": false,
   "kind": "ref",
   "type": "OutcomeReport"
  },
  {
   "name": "lot",
   "label": "Lot",
   "list": false,
   "kind": "object",
   "type": "Lot",
   "link": true,
   "fields": [
    {
     "name": "code",
     "label": "Lot",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Name",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Day or residential",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "ageMin",
     "label": "Youngest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Oldest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks a year",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "system",
     "label": "Purchasing system",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
    },
    {
     "name": "phaseEndAges",
     "label": "Phase end ages",
     "list": true,
     "kind": "scalar",
     "type": "Int"
    }
   ]
  },
  {
   "name": "membership",
   "label": "Lot membership",
   "list": false,
   "kind": "ref",
   "type": "LotMembership"
  },
  {
   "name": "weeklyFees",
   "label": "Weekly fees for each place",
   "list": false,
   "kind": "object",
   "type": "FeeBreakdown",
   "fields": [
    {
     "name": "education",
     "label": "Education",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "care",
     "label": "Residential care",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "health",
     "label": "Health",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "therapies",
     "label": "Therapies",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "additionalStaffing",
     "label": "Additional staffing",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "total",
     "label": "Total",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    }
   ],
   "hint": "The fees in force today."
  },
  {
   "name": "amendments",
   "label": "Fee changes",
   "list": true,
   "kind": "object",
   "type": "FeeAmendment",
   "link": true,
   "fields": [
    {
     "name": "effectiveFrom",
     "label": "New fees from",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "enum",
     "type": "AmendmentReason"
    },
    {
     "name": "note",
     "label": "Details",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "agreedAt",
     "label": "Agreed",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "scheduled",
     "label": "Not in force yet",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "before",
     "label": "Weekly fees before",
     "list": false,
     "kind": "object",
     "type": "FeeBreakdown",
     "fields": [
      {
       "name": "education",
       "label": "Education",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "care",
       "label": "Residential care",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "health",
       "label": "Health",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "therapies",
       "label": "Therapies",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "additionalStaffing",
       "label": "Additional staffing",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "total",
       "label": "Total",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      }
     ]
    },
    {
     "name": "after",
     "label": "Weekly fees after",
     "list": false,
     "kind": "object",
     "type": "FeeBreakdown",
     "fields": [
      {
       "name": "education",
       "label": "Education",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "care",
       "label": "Residential care",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "health",
       "label": "Health",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "therapies",
       "label": "Therapies",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "additionalStaffing",
       "label": "Additional staffing",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "total",
       "label": "Total",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      }
     ]
    }
   ],
   "hint": "Every change to the fees, oldest first."
  },
  {
   "name": "outcomeReports",
   "label": "Outcome reports",
   "list": true,
   "kind": "object",
   "type": "OutcomeReport",
   "link": true,
   "fields": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "OutcomeReportStatus"
    },
    {
     "name": "term",
     "label": "Term",
     "list": false,
     "kind": "enum",
     "type": "Term"
    },
    {
     "name": "dueAt",
     "label": "Due",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "submittedAt",
     "label": "Sent",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "queriedAt",
     "label": "Queried",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ],
   "hint": "Your termly reports for this placement, oldest first."
  },
  {
   "name": "termsToReport",
   "label": "Reports to write",
   "list": true,
   "kind": "object",
   "type": "TermToReport",
   "fields": [
    {
     "name": "period",
     "label": "Term",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "dueAt",
     "label": "Due",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "report",
     "label": "Your report so far",
     "list": false,
     "kind": "ref",
     "type": "OutcomeReport"
    }
   ],
   "hint": "The terms you can report on now, and when each report is due."
  },
  {
   "name": "planIssuedOn",
   "label": "EHC plan issued",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "nextReview",
   "label": "Next annual review",
   "list": false,
   "kind": "ref",
   "type": "AnnualReview"
  },
  {
   "name": "reviews",
   "label": "Annual reviews",
   "list": true,
   "kind": "object",
   "type": "AnnualReview",
   "link": true,
   "fields": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "AnnualReviewStatus"
    },
    {
     "name": "dueOn",
     "label": "Review due by",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "meetingOn",
     "label": "Review meeting",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "reportDueOn",
     "label": "Your report is due by",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ],
   "hint": "The yearly reviews of the child's EHC plan at this placement, oldest first."
  },
  {
   "name": "standstillEndsAt",
   "label": "Standstill ends",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "enteredIntoAt",
   "label": "Contract entered into",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "directAwardGround",
   "label": "Ground for the direct award",
   "list": false,
   "kind": "enum",
   "type": "DirectAwardGround"
  },
  {
   "name": "notices",
   "label": "Notices published about this contract",
   "list": true,
   "kind": "object",
   "type": "ProcurementNotice",
   "link": true,
   "fields": [
    {
     "name": "findATenderType",
     "label": "Find a Tender notice type",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "noticeType",
     "label": "Notice",
     "list": false,
     "kind": "enum",
     "type": "NoticeType"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "NoticeStatus"
    },
    {
     "name": "publishedAt",
     "label": "Published",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ],
   "hint": "What Find a Tender is told about this contract. They never include the child's details."
  },
  {
   "name": "phaseEndAges",
   "label": "Phase end ages",
   "list": true,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "ownPhaseEndAges",
   "label": "Own phase end ages",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "plannedEndOn",
   "label": "Planned end on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "plannedEndAge",
   "label": "Planned end age",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "endsOn",
   "label": "Ends on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "phaseTransferDeadline",
   "label": "Phase transfer deadline",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "daysToPhaseTransferDeadline",
   "label": "Days to phase transfer deadline",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "notice",
   "label": "Notice",
   "list": false,
   "kind": "object",
   "type": "PlacementNotice",
   "fields": [
    {
     "name": "givenOn",
     "label": "Given on",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "givenBy",
     "label": "Given by",
     "list": false,
     "kind": "enum",
     "type": "NoticeParty"
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "enum",
     "type": "EndingReason"
    },
    {
     "name": "kind",
     "label": "Kind",
     "list": false,
     "kind": "enum",
     "type": "EndingKind"
    }
   ]
  },
  {
   "name": "endingKind",
   "label": "Ending kind",
   "list": false,
   "kind": "enum",
   "type": "EndingKind"
  },
  {
   "name": "endingReason",
   "label": "Ending reason",
   "list": false,
   "kind": "enum",
   "type": "EndingReason"
  }
 ],
 "actions": [
  {
   "operation": "giveNotice",
   "title": "Give notice",
   "description": "End this placement with notice. Its last day is at least a term away unless the specification says otherwise; the council is told."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  },
  {
   "operation": "saveOutcomeReport",
   "title": "Save outcome report",
   "description": "Write this term's report on the child's progress. You can save it as a draft and send it later."
  },
  {
   "operation": "submitInvoice",
   "title": "Submit invoice",
   "description": "Bill the council for this placement's days, one line for each part of the fee."
  }
 ],
 "related": [
  {
   "title": "Invoices",
   "query": "invoices",
   "type": "Invoice",
   "document": "query InvoicesOfCallOff($id: ID!) {\n  list: invoices(first: 20, filter: {callOff: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      provider {\n        __typename\n        id\n        legalName\n      }\n      periodStart\n      periodEnd\n      total\n      difference\n      dueOn\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    },
    {
     "name": "periodStart",
     "label": "First day billed",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "periodEnd",
     "label": "Last day billed",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "total",
     "label": "Total billed",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "difference",
     "label": "Difference",
     "list": false,
     "kind": "scalar",
     "type": "PenceDifference",
     "format": "difference"
    },
    {
     "name": "dueOn",
     "label": "Payment due by",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "InvoiceStatus"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfCallOff($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Type of document",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "owner",
     "label": "Attached to",
     "list": false,
     "kind": "ref",
     "type": "Node"
    },
    {
     "name": "previousVersion",
     "label": "Replaces",
     "list": false,
     "kind": "ref",
     "type": "Document"
    }
   ]
  }
 ]
};
