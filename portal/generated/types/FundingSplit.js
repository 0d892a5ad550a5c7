// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "FundingSplit",
 "title": "Funding",
 "description": "Who pays which share of each part of a placement's weekly fee, from a date.",
 "document": "query FundingSplitPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on FundingSplit {\n      __typename\n      id\n      callOff {\n        reference\n        __typename\n        id\n        establishment {\n          __typename\n          id\n          name\n        }\n        authority {\n          __typename\n          id\n          name\n        }\n        startDate\n        weeklyTotal\n      }\n      status\n      effectiveFrom\n      proposedAt\n      contributions {\n        __typename\n        id\n        funder {\n          stream\n          integratedCareBoard {\n            name\n          }\n          authority {\n            name\n          }\n        }\n        agreed\n        agreedAt\n        agreedBy\n        onBehalfReason\n        shares {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n        }\n        weeklyAmounts {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n          total\n        }\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "FundingSplitStatus"
  },
  {
   "name": "effectiveFrom",
   "label": "Applies from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "proposedAt",
   "label": "Proposed",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "callOff",
   "label": "The placement",
   "list": false,
   "kind": "object",
   "type": "CallOff",
   "link": true,
   "fields": [
    {
     "name": "reference",
     "label": "Placement reference",
     "list": false,
     "kind": "scalar",
     "type": "String"
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
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "weeklyTotal",
     "label": "Weekly cost",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    }
   ],
   "shows": true
  },
  {
   "name": "contributions",
   "label": "Who pays",
   "list": true,
   "kind": "object",
   "type": "FundingContribution",
   "link": true,
   "fields": [
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
    }
   ],
   "hint": "Each funder's share of each part of the weekly fee for the place, and what it comes to each week.",
   "format": "cards"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfFundingSplit($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
