// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Offer",
 "title": "Offer",
 "description": "A place you have offered at one of your establishments for a referred child.",
 "document": "query OfferPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Offer {\n      __typename\n      id\n      reference\n      establishment {\n        name\n        __typename\n        id\n      }\n      status\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n      submittedAt\n      withdrawnAt\n      acceptedAt\n      declinedAt\n      weeksPerYear\n      annualCost\n      exceedsRateCard\n      justification\n      qualityScore\n      qualityScoredAt\n      qualityStatement\n      qualityAnswers\n      weeklyFees {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      withdrawalReason\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OfferStatus"
  },
  {
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
  },
  {
   "name": "establishment",
   "label": "Establishment",
   "list": false,
   "kind": "ref",
   "type": "Establishment"
  },
  {
   "name": "startDate",
   "label": "Start date",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "submittedAt",
   "label": "Offer made",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "withdrawnAt",
   "label": "Withdrawn",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "acceptedAt",
   "label": "Accepted",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "declinedAt",
   "label": "Declined",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
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
   "name": "annualCost",
   "label": "Annual cost",
   "list": false,
   "kind": "scalar",
   "type": "Pence"
  },
  {
   "name": "exceedsRateCard",
   "label": "Above your rate card",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "justification",
   "label": "Why the fees are above your rate card",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "qualityScore",
   "label": "Quality score out of 100",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "qualityScoredAt",
   "label": "Quality scored",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "qualityStatement",
   "label": "How you will meet the child's needs",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "qualityAnswers",
   "label": "Your answers to the council's questions",
   "list": true,
   "kind": "scalar",
   "type": "String"
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
   "name": "withdrawalReason",
   "label": "Withdrawal reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  },
  {
   "operation": "withdrawOffer",
   "title": "Withdraw offer",
   "description": "The council will no longer consider your offer. You can make a new offer while the referral is open."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfOffer($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
