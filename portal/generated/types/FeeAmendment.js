// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "FeeAmendment",
 "title": "Fee amendment",
 "description": "A dated change to a call-off's weekly fees, with the breakdown before and after.",
 "document": "query FeeAmendmentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on FeeAmendment {\n      __typename\n      id\n      effectiveFrom\n      reason\n      note\n      agreedAt\n      before {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      after {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      scheduled\n      approvedBy\n    }\n  }\n}\n",
 "view": [
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
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfFeeAmendment($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
