// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "procurementNotices",
 "title": "Procurement notices",
 "description": "",
 "type": "ProcurementNotice",
 "public": true,
 "nav": false,
 "document": "query ProcurementNoticesList($before: String, $filter: ProcurementNoticeFilter) {\n  list: procurementNotices(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      findATenderType\n      noticeType\n      status\n      publishedAt\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "findATenderType",
   "label": "Find a Tender notice type",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
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
   "name": "publishedAt",
   "label": "Published",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
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
