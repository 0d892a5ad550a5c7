// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "procurementNotices",
 "title": "Procurement notices",
 "description": "",
 "type": "ProcurementNotice",
 "public": true,
 "nav": false,
 "document": "query ProcurementNoticesList($before: String, $filter: ProcurementNoticeFilter) {\n  list: procurementNotices(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      noticeType\n      createdAt\n      queuedAt\n      publishedAt\n      status\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "noticeType",
   "label": "Notice type",
   "list": false,
   "kind": "enum",
   "type": "NoticeType"
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
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "NoticeStatus"
  }
 ],
 "filters": [
  {
   "name": "noticeType",
   "label": "Notice type",
   "type": "NoticeType",
   "hint": "Only notices of this kind."
  },
  {
   "name": "status",
   "label": "Status",
   "type": "NoticeStatus",
   "hint": "Only notices in this state."
  }
 ]
};
