// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "ProcurementNotice",
 "title": "Procurement notice",
 "description": "",
 "document": "query ProcurementNoticePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on ProcurementNotice {\n      __typename\n      id\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      noticeType\n      ocid\n      createdAt\n      queuedAt\n      publishedAt\n      failedAt\n      lastError\n      findATenderType\n      status\n      problems\n      callOff {\n        __typename\n        id\n        reference\n      }\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "noticeType",
   "label": "Notice type",
   "list": false,
   "kind": "enum",
   "type": "NoticeType"
  },
  {
   "name": "ocid",
   "label": "Ocid",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "createdAt",
   "label": "Created at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queuedAt",
   "label": "Queued at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "publishedAt",
   "label": "Published at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "failedAt",
   "label": "Failed at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "lastError",
   "label": "Last error",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "findATenderType",
   "label": "Find a tender type",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "NoticeStatus"
  },
  {
   "name": "problems",
   "label": "Problems",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "system",
   "label": "System",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  },
  {
   "name": "callOff",
   "label": "Call off",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "referral",
   "label": "Referral",
   "list": false,
   "kind": "ref",
   "type": "Referral"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfProcurementNotice($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
