// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "AuditEvent",
 "title": "Audit event",
 "description": "One recorded change, chained to the one before it by hash. Append-only. You read an event only where you may read the entity it describes.",
 "document": "query AuditEventPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on AuditEvent {\n      __typename\n      id\n      at\n      actor\n      action\n      entityType\n      entityId\n      requestId\n      previousHash\n      hash\n      diff\n    }\n  }\n}\n",
 "view": [
  {
   "name": "at",
   "label": "At",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "actor",
   "label": "Actor",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "action",
   "label": "Action",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "entityType",
   "label": "Entity type",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "entityId",
   "label": "Entity id",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "requestId",
   "label": "Request id",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "previousHash",
   "label": "Previous hash",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "hash",
   "label": "Hash",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "diff",
   "label": "Diff",
   "list": false,
   "kind": "scalar",
   "type": "JSON"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfAuditEvent($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
