// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "UpliftDecision",
 "title": "Decision",
 "description": "A decision on an uplift request: an authority's for its placements, or the region's.",
 "document": "query UpliftDecisionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on UpliftDecision {\n      __typename\n      id\n      outcome\n      authority {\n        __typename\n        id\n        name\n      }\n      regional\n      decidedAt\n      uplift {\n        education\n        care\n        health\n        therapies\n        additionalStaffing\n      }\n      reason\n      amended\n    }\n  }\n}\n",
 "view": [
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
