// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Specification",
 "title": "Specification",
 "description": "One version of a system's core service specification. Published versions never change.",
 "document": "query SpecificationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Specification {\n      __typename\n      id\n      title\n      versionNumber\n      body\n      publishedAt\n      supersededAt\n      version\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "versionNumber",
   "label": "Version number",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "title",
   "label": "Title",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "body",
   "label": "Body",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "publishedAt",
   "label": "Published at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "supersededAt",
   "label": "Superseded at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SpecificationStatus"
  },
  {
   "name": "system",
   "label": "System",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfSpecification($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
