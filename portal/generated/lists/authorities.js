// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "authorities",
 "title": "Councils",
 "description": "The councils that buy placements through the purchasing system.",
 "type": "Authority",
 "public": true,
 "nav": false,
 "document": "query AuthoritiesList($before: String, $filter: AuthorityFilter) {\n  list: authorities(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      name\n      role\n      joinedOn\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "role",
   "label": "Part in the purchasing system",
   "list": false,
   "kind": "enum",
   "type": "AuthorityRole"
  },
  {
   "name": "joinedOn",
   "label": "Joined",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  }
 ],
 "filters": [
  {
   "name": "role",
   "label": "Part in the purchasing system",
   "type": "AuthorityRole",
   "hint": "Only councils with this part."
  }
 ]
};
