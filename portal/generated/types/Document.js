// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Document",
 "title": "Document",
 "description": "A stored document's metadata. The file itself is fetched through a short-lived link.",
 "document": "query DocumentPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Document {\n      __typename\n      id\n      fileName\n      documentType\n      mediaType\n      size\n      sha256\n      confidentiality\n      uploadedBy\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      rejectionReason\n      supersededAt\n      version\n      status\n      ocdsDocumentType\n      ownerId\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n      downloadUrl\n    }\n  }\n}\n",
 "view": [
  {
   "name": "documentType",
   "label": "Document type",
   "list": false,
   "kind": "enum",
   "type": "DocumentType"
  },
  {
   "name": "fileName",
   "label": "File name",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "mediaType",
   "label": "Media type",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "size",
   "label": "Size",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "sha256",
   "label": "Sha 256",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "confidentiality",
   "label": "Confidentiality",
   "list": false,
   "kind": "enum",
   "type": "Confidentiality"
  },
  {
   "name": "uploadedBy",
   "label": "Uploaded by",
   "list": false,
   "kind": "scalar",
   "type": "String"
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
   "name": "rejectionReason",
   "label": "Rejection reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
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
   "type": "DocumentStatus"
  },
  {
   "name": "ocdsDocumentType",
   "label": "Ocds document type",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "ownerId",
   "label": "Owner id",
   "list": false,
   "kind": "scalar",
   "type": "ID"
  },
  {
   "name": "owner",
   "label": "Owner",
   "list": false,
   "kind": "ref",
   "type": "Node"
  },
  {
   "name": "previousVersion",
   "label": "Previous version",
   "list": false,
   "kind": "ref",
   "type": "Document"
  },
  {
   "name": "downloadUrl",
   "label": "Download url",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "confirmDocumentUpload",
   "title": "Confirm document upload",
   "description": "Finish attaching a document: checks the uploaded file's size, SHA-256 and content type. Only then is it AVAILABLE; otherwise the file is deleted and the document REJECTED."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfDocument($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
