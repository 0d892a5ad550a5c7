// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "ProcurementNotice",
 "title": "Procurement notice",
 "description": "A notice the Procurement Act 2023 requires, sent to Find a Tender.",
 "document": "query ProcurementNoticePage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on ProcurementNotice {\n      __typename\n      id\n      findATenderType\n      noticeType\n      status\n      createdAt\n      queuedAt\n      publishedAt\n      failedAt\n      lastError\n      problems\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "noticeType",
   "label": "Notice",
   "list": false,
   "kind": "enum",
   "type": "NoticeType"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "NoticeStatus"
  },
  {
   "name": "createdAt",
   "label": "Written",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queuedAt",
   "label": "Sent for publication",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "publishedAt",
   "label": "Published",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "failedAt",
   "label": "Not accepted",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "lastError",
   "label": "What Find a Tender said",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "problems",
   "label": "Problems found before sending",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "system",
   "label": "Purchasing system",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
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
