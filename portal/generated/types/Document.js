// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Document",
 "title": "Document",
 "description": "A stored document's metadata. The file itself is fetched through a short-lived link.",
 "document": "query DocumentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Document {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      downloadUrl\n      uploadedAt\n      uploadedBy\n      size\n      confidentiality\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n      supersededAt\n      rejectedAt\n      rejectionReason\n      version\n    }\n  }\n}\n",
 "view": [
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
   "name": "downloadUrl",
   "label": "File",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "uploadedAt",
   "label": "Uploaded",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "uploadedBy",
   "label": "Uploaded by",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "size",
   "label": "Size",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "bytes"
  },
  {
   "name": "confidentiality",
   "label": "Who can see it",
   "list": false,
   "kind": "enum",
   "type": "Confidentiality"
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
  },
  {
   "name": "supersededAt",
   "label": "Replaced by a newer version",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "rejectedAt",
   "label": "Rejected",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "rejectionReason",
   "label": "Why it was rejected",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "confirmDocumentUpload",
   "title": "Confirm document upload",
   "description": "Finish uploading a document once its file has been sent."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfDocument($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      supersededAt\n    }\n  }\n}\n",
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
     "name": "supersededAt",
     "label": "Replaced by a newer version",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  }
 ]
};
