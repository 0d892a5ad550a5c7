// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "UpliftRequest",
 "title": "Fee uplift request",
 "description": "A provider's request for higher fees at one establishment on one lot, from a date: a percentage per cost element, with its reasons and evidence documents. The provider sees its own; every authority, the lead authority and auditors see every request and every decision on it.",
 "document": "query UpliftRequestPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on UpliftRequest {\n      __typename\n      id\n      establishment {\n        __typename\n        id\n        name\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n      }\n      effectiveFrom\n      submittedAt\n      uplift {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n      reasons\n      decisions {\n        __typename\n        id\n        outcome\n        authority {\n          __typename\n          id\n          name\n        }\n        regional\n        decidedAt\n        uplift {\n          education\n          care\n          health\n          therapies\n          additionalStaffing\n        }\n        reason\n        amended\n      }\n      affectedCallOffs {\n        __typename\n        id\n        reference\n        status\n        type\n        establishment {\n          __typename\n          id\n          name\n        }\n        authority {\n          __typename\n          id\n          name\n        }\n        startDate\n      }\n      provider {\n        __typename\n        id\n        legalName\n      }\n      version\n    }\n  }\n}\n",
 "view": [
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
     "name": "weeksPerYear",
     "label": "Weeks a year",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    }
   ],
   "shows": true
  },
  {
   "name": "effectiveFrom",
   "label": "Uplift from",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "submittedAt",
   "label": "Asked on",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "uplift",
   "label": "Uplift asked for",
   "list": false,
   "kind": "object",
   "type": "FeePercents",
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
   "hint": "The rise asked for in each part of the weekly fee."
  },
  {
   "name": "reasons",
   "label": "Your reasons",
   "list": false,
   "kind": "scalar",
   "type": "String"
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
     "label": "Decision",
     "list": false,
     "kind": "enum",
     "type": "UpliftOutcome"
    },
    {
     "name": "authority",
     "label": "Council",
     "list": false,
     "kind": "ref",
     "type": "Authority"
    },
    {
     "name": "regional",
     "label": "For every council in the region",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "decidedAt",
     "label": "Decided",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "uplift",
     "label": "Uplift agreed",
     "list": false,
     "kind": "object",
     "type": "FeePercents",
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
     ]
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "amended",
     "label": "Placements whose fees it changed",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    }
   ],
   "hint": "What each council, or the lead council for them all, decided.",
   "format": "cards"
  },
  {
   "name": "affectedCallOffs",
   "label": "Placements it would uplift",
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
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  }
 ],
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
