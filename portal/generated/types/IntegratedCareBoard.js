// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "IntegratedCareBoard",
 "title": "Integrated care board",
 "description": "",
 "document": "query IntegratedCareBoardPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on IntegratedCareBoard {\n      __typename\n      id\n      name\n      odsCode\n      active\n    }\n  }\n}\n",
 "view": [
  {
   "name": "odsCode",
   "label": "NHS organisation code",
   "list": false,
   "kind": "scalar",
   "type": "String",
   "format": "plain"
  },
  {
   "name": "active",
   "label": "Can be named as a funder",
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
   "document": "query DocumentsOfIntegratedCareBoard($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
