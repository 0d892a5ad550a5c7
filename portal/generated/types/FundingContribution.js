// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "FundingContribution",
 "title": "Contribution",
 "description": "One funder's share of a placement's weekly fee.",
 "document": "query FundingContributionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on FundingContribution {\n      __typename\n      id\n      funder {\n        stream\n        integratedCareBoard {\n          name\n        }\n        authority {\n          name\n        }\n      }\n      agreed\n      agreedAt\n      agreedBy\n      onBehalfReason\n      shares {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n      weeklyAmounts {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n        total\n      }\n      split {\n        __typename\n        id\n        callOff {\n          reference\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "agreed",
   "label": "Agreed",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "agreedAt",
   "label": "When agreed",
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
   "label": "Why the council agreed it for the funder",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "shares",
   "label": "Share",
   "list": false,
   "kind": "object",
   "type": "FeeShares",
   "fields": [
    {
     "name": "education",
     "label": "Education",
     "list": false,
     "kind": "scalar",
     "type": "Decimal",
     "format": "percent"
    },
    {
     "name": "care",
     "label": "Residential care",
     "list": false,
     "kind": "scalar",
     "type": "Decimal",
     "format": "percent"
    },
    {
     "name": "health",
     "label": "Health",
     "list": false,
     "kind": "scalar",
     "type": "Decimal",
     "format": "percent"
    },
    {
     "name": "therapies",
     "label": "Therapies",
     "list": false,
     "kind": "scalar",
     "type": "Decimal",
     "format": "percent"
    },
    {
     "name": "additionalStaffing",
     "label": "Additional staffing",
     "list": false,
     "kind": "scalar",
     "type": "Decimal",
     "format": "percent"
    }
   ],
   "beside": "weeklyAmounts"
  },
  {
   "name": "weeklyAmounts",
   "label": "Each week",
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
   "name": "split",
   "label": "Split",
   "list": false,
   "kind": "ref",
   "type": "FundingSplit"
  }
 ],
 "actions": [
  {
   "operation": "agreeFundingContribution",
   "title": "Agree funding contribution",
   "description": "Check your share of each part of the weekly fee and what it comes to each week. When you agree, we tell the council that placed the child."
  }
 ],
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
