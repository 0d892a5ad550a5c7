// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Offer",
 "title": "Offer",
 "description": "A provider's time-boxed offer of a place at one establishment.",
 "document": "query OfferPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Offer {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      weeksPerYear\n      startDate\n      qualityStatement\n      submittedAt\n      withdrawnAt\n      acceptedAt\n      declinedAt\n      version\n      status\n      weeklyFees {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      annualCost\n      referral {\n        __typename\n        id\n        authority {\n          __typename\n          id\n          code\n          name\n        }\n      }\n      establishment {\n        __typename\n        id\n        name\n      }\n      exceedsRateCard\n      justification\n      qualityAnswers\n      qualityScore\n      qualityScoredAt\n    }\n  }\n}\n",
 "view": [
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
   "name": "qualityStatement",
   "label": "Quality statement",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "submittedAt",
   "label": "Submitted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "withdrawnAt",
   "label": "Withdrawn at",
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
   "name": "declinedAt",
   "label": "Declined at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OfferStatus"
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
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
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
   "name": "exceedsRateCard",
   "label": "Exceeds rate card",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "justification",
   "label": "Justification",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "qualityAnswers",
   "label": "Quality answers",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "qualityScore",
   "label": "Quality score",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "qualityScoredAt",
   "label": "Quality scored at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  },
  {
   "operation": "withdrawOffer",
   "title": "Withdraw offer",
   "description": "Withdraw a SUBMITTED offer before the offer deadline. It stays withdrawn."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfOffer($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
