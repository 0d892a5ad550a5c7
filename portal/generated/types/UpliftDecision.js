// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "UpliftDecision",
 "title": "Uplift decision",
 "description": "A decision on an uplift request: an authority's for its placements, or the region's.",
 "document": "query UpliftDecisionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on UpliftDecision {\n      __typename\n      id\n      authority {\n        __typename\n        id\n        name\n      }\n      outcome\n      reason\n      decidedAt\n      amended\n      regional\n      uplift {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n    }\n  }\n}\n",
 "view": [
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
   ],
   "hint": "The uplift agreed per element, in percent: all 0 when refused."
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfUpliftDecision($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
