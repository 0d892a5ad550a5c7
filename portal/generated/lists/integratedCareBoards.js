// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "integratedCareBoards",
 "title": "Integrated care boards",
 "description": "",
 "type": "IntegratedCareBoard",
 "public": true,
 "nav": false,
 "document": "query IntegratedCareBoardsList($before: String, $filter: IntegratedCareBoardFilter) {\n  list: integratedCareBoards(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      name\n    }\n  }\n}\n",
 "columns": [],
 "filters": []
};
