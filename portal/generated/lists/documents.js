// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "documents",
 "title": "Documents",
 "description": "Document metadata you may read.",
 "type": "Document",
 "public": false,
 "nav": true,
 "document": "query DocumentsList($after: String, $filter: DocumentFilter) {\n  list: documents(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
 ],
 "filters": []
};
