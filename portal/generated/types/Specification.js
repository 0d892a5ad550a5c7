// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Specification",
 "title": "Service specification",
 "description": "One version of a system's core service specification. Published versions never change.",
 "document": "query SpecificationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Specification {\n      __typename\n      id\n      title\n      versionNumber\n      status\n      publishedAt\n      supersededAt\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      body\n      noticePeriodWeeks\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "versionNumber",
   "label": "Version",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "plain"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SpecificationStatus"
  },
  {
   "name": "publishedAt",
   "label": "Published",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "supersededAt",
   "label": "Replaced",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "system",
   "label": "Purchasing system",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  },
  {
   "name": "body",
   "label": "Specification",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "noticePeriodWeeks",
   "label": "Notice period weeks",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfSpecification($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
