// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "UpliftRequest",
 "title": "Uplift request",
 "description": "A provider's request for higher fees at one establishment on one lot, from a date: a percentage per cost element, with its reasons and evidence documents. The provider sees its own; every authority, the lead authority and auditors see every request and every decision on it.",
 "document": "query UpliftRequestPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on UpliftRequest {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      effectiveFrom\n      reasons\n      submittedAt\n      version\n      uplift {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      decisions {\n        __typename\n        id\n        authority {\n          __typename\n          id\n          name\n        }\n        outcome\n        reason\n        decidedAt\n        amended\n        regional\n        uplift {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n        }\n      }\n      affectedCallOffs {\n        __typename\n        id\n        reference\n        status\n        type\n        establishment {\n          __typename\n          id\n          name\n        }\n        authority {\n          __typename\n          id\n          name\n        }\n        startDate\n      }\n      yoursToDecide\n    }\n  }\n}\n",
 "view": [
  {
   "name": "effectiveFrom",
   "label": "Effective from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "reasons",
   "label": "Reasons",
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
   "name": "uplift",
   "label": "Uplift",
   "list": false,
   "kind": "object",
   "type": "FeePercents",
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
   "hint": "The uplift asked for per element, in percent."
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
    }
   ],
   "hint": "The lot."
  },
  {
   "name": "decisions",
   "label": "Decisions",
   "list": true,
   "kind": "object",
   "type": "UpliftDecision",
   "link": true,
   "fields": [
    {
     "name": "outcome",
     "label": "Outcome",
     "list": false,
     "kind": "enum",
     "type": "UpliftOutcome"
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "decidedAt",
     "label": "Decided at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "amended",
     "label": "Amended",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "regional",
     "label": "Regional",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "authority",
     "label": "Authority",
     "list": false,
     "kind": "ref",
     "type": "Authority"
    },
    {
     "name": "uplift",
     "label": "Uplift",
     "list": false,
     "kind": "object",
     "type": "FeePercents",
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
     ]
    }
   ],
   "hint": "The decisions made on it: each authority's, or the one regional decision."
  },
  {
   "name": "affectedCallOffs",
   "label": "Affected call offs",
   "list": true,
   "kind": "object",
   "type": "CallOff",
   "link": true,
   "fields": [
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
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ]
  },
  {
   "name": "yoursToDecide",
   "label": "Yours to decide",
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
   "document": "query DocumentsOfUpliftRequest($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
