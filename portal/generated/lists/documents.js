// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "documents",
 "title": "Documents",
 "description": "Documents you have uploaded, and documents published for everyone, such as service specifications.",
 "type": "Document",
 "public": false,
 "nav": true,
 "document": "query DocumentsList($before: String, $filter: DocumentFilter) {\n  list: documents(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
 ],
 "filters": []
};
