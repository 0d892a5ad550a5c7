// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "authorities",
 "title": "Authorities",
 "description": "Local authorities. Public.",
 "type": "Authority",
 "public": true,
 "nav": false,
 "document": "query AuthoritiesList($after: String, $filter: AuthorityFilter) {\n  list: authorities(first: 20, after: $after, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      __typename\n      id\n      code\n      name\n      role\n      joinedOn\n    }\n  }\n}\n",
 "columns": [
  {
   "name": "role",
   "label": "Role",
   "list": false,
   "kind": "enum",
   "type": "AuthorityRole"
  },
  {
   "name": "joinedOn",
   "label": "Joined on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  }
 ],
 "filters": [
  {
   "name": "role",
   "label": "Role",
   "type": "AuthorityRole",
   "hint": "Only authorities with this role."
  }
 ]
};
