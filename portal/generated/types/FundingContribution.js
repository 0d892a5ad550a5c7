// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "FundingContribution",
 "title": "Funding contribution",
 "description": "One funder's part of a funding split: its shares, what they come to, and its agreement.",
 "document": "query FundingContributionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on FundingContribution {\n      __typename\n      id\n      position\n      agreedAt\n      agreedBy\n      onBehalfReason\n      funder {\n        stream\n        authority {\n          __typename\n          id\n          name\n        }\n        integratedCareBoard {\n          __typename\n          id\n          name\n        }\n      }\n      shares {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n      weeklyAmounts {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      agreed\n      yoursToAgree\n    }\n  }\n}\n",
 "view": [
  {
   "name": "position",
   "label": "Position",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "agreedAt",
   "label": "Agreed at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "agreedBy",
   "label": "Agreed by",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "onBehalfReason",
   "label": "On behalf reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "funder",
   "label": "Funder",
   "list": false,
   "kind": "object",
   "type": "Funder",
   "fields": [
    {
     "name": "stream",
     "label": "Stream",
     "list": false,
     "kind": "enum",
     "type": "FundingStream"
    },
    {
     "name": "authority",
     "label": "Authority",
     "list": false,
     "kind": "ref",
     "type": "Authority"
    },
    {
     "name": "integratedCareBoard",
     "label": "Integrated care board",
     "list": false,
     "kind": "ref",
     "type": "IntegratedCareBoard"
    }
   ],
   "hint": "Who pays."
  },
  {
   "name": "shares",
   "label": "Shares",
   "list": false,
   "kind": "object",
   "type": "FeeShares",
   "fields": [
    {
     "name": "education",
     "label": "Education",
     "list": false,
     "kind": "scalar",
     "type": "Decimal"
    },
    {
     "name": "care",
     "label": "Care",
     "list": false,
     "kind": "scalar",
     "type": "Decimal"
    },
    {
     "name": "health",
     "label": "Health",
     "list": false,
     "kind": "scalar",
     "type": "Decimal"
    },
    {
     "name": "therapies",
     "label": "Therapies",
     "list": false,
     "kind": "scalar",
     "type": "Decimal"
    },
    {
     "name": "additionalStaffing",
     "label": "Additional staffing",
     "list": false,
     "kind": "scalar",
     "type": "Decimal"
    }
   ],
   "hint": "The funder's share of each cost element."
  },
  {
   "name": "weeklyAmounts",
   "label": "Weekly amounts",
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
   "hint": "What the shares come to each week per place, by the rounding rule, in pence."
  },
  {
   "name": "agreed",
   "label": "Agreed",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "yoursToAgree",
   "label": "Yours to agree",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfFundingContribution($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
