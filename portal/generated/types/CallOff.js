// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "CallOff",
 "title": "Call off",
 "description": "A contract called off the system: an Individual Placement Agreement or a block contract.",
 "document": "query CallOffPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on CallOff {\n      __typename\n      id\n      reference\n      type\n      places\n      weeksPerYear\n      startDate\n      endDate\n      awardedAt\n      terminatedAt\n      terminationReason\n      version\n      status\n      weeklyFees {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      annualCost\n      authority {\n        __typename\n        id\n        code\n        name\n      }\n      provider {\n        __typename\n        id\n        legalName\n      }\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      referral {\n        __typename\n        id\n        authority {\n          __typename\n          id\n          code\n          name\n        }\n      }\n      amendments {\n        __typename\n        id\n        effectiveFrom\n        reason\n        note\n        agreedAt\n        before {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n          total\n        }\n        after {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n          total\n        }\n        scheduled\n        approvedBy\n      }\n      outcomeReports {\n        __typename\n        id\n        period\n        term\n        dueAt\n        submittedAt\n        acceptedAt\n        status\n      }\n      latestOutcomeReport {\n        __typename\n        id\n        period\n      }\n      weeklyTotal\n      awardReason\n      awardedBy\n      awardWorking {\n        mode\n        qualityWeight\n        priceWeight\n        lowestAnnualCost\n        complete\n        working\n        offers {\n          rank\n          label\n          weeklyTotal\n          weeksPerYear\n          annualCost\n          priceScore\n          qualityScore\n          weightedTotal\n          submittedAt\n          working\n          offer {\n            __typename\n            id\n            provider {\n              __typename\n              id\n              legalName\n            }\n          }\n        }\n      }\n      membership {\n        __typename\n        id\n        provider {\n          __typename\n          id\n          legalName\n        }\n      }\n      endReason\n    }\n  }\n}\n",
 "view": [
  {
   "name": "reference",
   "label": "Reference",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "type",
   "label": "Type",
   "list": false,
   "kind": "enum",
   "type": "CallOffType"
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
   "label": "Weeks per year",
   "list": false,
   "kind": "scalar",
   "type": "Int"
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
   "name": "awardedAt",
   "label": "Awarded at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "terminatedAt",
   "label": "Terminated at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "terminationReason",
   "label": "Termination reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "CallOffStatus"
  },
  {
   "name": "weeklyFees",
   "label": "Weekly fees",
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
     "label": "Care",
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
   "name": "annualCost",
   "label": "Annual cost",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "authority",
   "label": "Authority",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
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
     "label": "Code",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Placement type",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks per year",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMin",
     "label": "Age min",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Age max",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "position",
     "label": "Position",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "system",
     "label": "System",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
    }
   ]
  },
  {
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
  },
  {
   "name": "amendments",
   "label": "Amendments",
   "list": true,
   "kind": "object",
   "type": "FeeAmendment",
   "link": true,
   "fields": [
    {
     "name": "effectiveFrom",
     "label": "Effective from",
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
     "label": "Note",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "agreedAt",
     "label": "Agreed at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "before",
     "label": "Before",
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
       "label": "Care",
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
     "label": "After",
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
       "label": "Care",
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
     "name": "scheduled",
     "label": "Scheduled",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "approvedBy",
     "label": "Approved by",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
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
     "name": "term",
     "label": "Term",
     "list": false,
     "kind": "enum",
     "type": "Term"
    },
    {
     "name": "dueAt",
     "label": "Due at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "submittedAt",
     "label": "Submitted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "acceptedAt",
     "label": "Accepted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "OutcomeReportStatus"
    }
   ]
  },
  {
   "name": "latestOutcomeReport",
   "label": "Latest outcome report",
   "list": false,
   "kind": "ref",
   "type": "OutcomeReport"
  },
  {
   "name": "weeklyTotal",
   "label": "Weekly total",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "awardReason",
   "label": "Award reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "awardedBy",
   "label": "Awarded by",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "awardWorking",
   "label": "Award working",
   "list": false,
   "kind": "object",
   "type": "OfferRanking",
   "fields": [
    {
     "name": "mode",
     "label": "Mode",
     "list": false,
     "kind": "enum",
     "type": "ReferralMode"
    },
    {
     "name": "qualityWeight",
     "label": "Quality weight",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "priceWeight",
     "label": "Price weight",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "lowestAnnualCost",
     "label": "Lowest annual cost",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "complete",
     "label": "Complete",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "working",
     "label": "Working",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "offers",
     "label": "Offers",
     "list": true,
     "kind": "object",
     "type": "RankedOffer",
     "fields": [
      {
       "name": "rank",
       "label": "Rank",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "label",
       "label": "Label",
       "list": false,
       "kind": "scalar",
       "type": "String"
      },
      {
       "name": "weeklyTotal",
       "label": "Weekly total",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "weeksPerYear",
       "label": "Weeks per year",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "annualCost",
       "label": "Annual cost",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "priceScore",
       "label": "Price score",
       "list": false,
       "kind": "scalar",
       "type": "Decimal"
      },
      {
       "name": "qualityScore",
       "label": "Quality score",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "weightedTotal",
       "label": "Weighted total",
       "list": false,
       "kind": "scalar",
       "type": "Decimal"
      },
      {
       "name": "submittedAt",
       "label": "Submitted at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "working",
       "label": "Working",
       "list": false,
       "kind": "scalar",
       "type": "String"
      },
      {
       "name": "offer",
       "label": "Offer",
       "list": false,
       "kind": "ref",
       "type": "Offer"
      }
     ]
    }
   ]
  },
  {
   "name": "membership",
   "label": "Membership",
   "list": false,
   "kind": "ref",
   "type": "LotMembership"
  },
  {
   "name": "endReason",
   "label": "End reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  },
  {
   "operation": "saveOutcomeReport",
   "title": "Save outcome report",
   "description": "Start or change your outcome report for one of your ACTIVE placements and a term, as a draft: the narrative and a value per measure, each checked against its measure's scale. A queried report may be corrected the same way before you resubmit it."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfCallOff($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "documentType",
     "label": "Document type",
     "list": false,
     "kind": "enum",
     "type": "DocumentType"
    },
    {
     "name": "uploadExpiresAt",
     "label": "Upload expires at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "uploadedAt",
     "label": "Uploaded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "rejectedAt",
     "label": "Rejected at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "DocumentStatus"
    }
   ]
  }
 ]
};
