// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "OutcomeMeasure",
 "title": "Outcome measure",
 "description": "A measure of the outcomes framework that providers report against.",
 "document": "query OutcomeMeasurePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on OutcomeMeasure {\n      __typename\n      id\n      code\n      name\n      description\n      domain\n      scale\n      direction\n      frequency\n      retiredAt\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "code",
   "label": "Code",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "name",
   "label": "Name",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "description",
   "label": "Description",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "domain",
   "label": "Domain",
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
   "label": "Direction",
   "list": false,
   "kind": "enum",
   "type": "MeasureDirection"
  },
  {
   "name": "frequency",
   "label": "Frequency",
   "list": false,
   "kind": "enum",
   "type": "MeasureFrequency"
  },
  {
   "name": "retiredAt",
   "label": "Retired at",
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
   "document": "query DocumentsOfOutcomeMeasure($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
