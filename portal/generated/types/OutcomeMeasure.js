// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "OutcomeMeasure",
 "title": "Outcome measure",
 "description": "A measure of the outcomes framework that providers report against.",
 "document": "query OutcomeMeasurePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on OutcomeMeasure {\n      __typename\n      id\n      code\n      name\n      description\n      domain\n      scale\n      direction\n      frequency\n      retiredAt\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "description",
   "label": "What is measured",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "domain",
   "label": "Area",
   "list": false,
   "kind": "enum",
   "type": "OutcomeDomain"
  },
  {
   "name": "scale",
   "label": "Scale",
   "list": false,
   "kind": "enum",
   "type": "MeasureScale"
  },
  {
   "name": "direction",
   "label": "Which way is better",
   "list": false,
   "kind": "enum",
   "type": "MeasureDirection"
  },
  {
   "name": "frequency",
   "label": "How often it is reported",
   "list": false,
   "kind": "enum",
   "type": "MeasureFrequency"
  },
  {
   "name": "retiredAt",
   "label": "No longer used from",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfOutcomeMeasure($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
