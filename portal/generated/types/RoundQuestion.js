// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "RoundQuestion",
 "title": "Round question",
 "description": "A question of a round: SELECTION questions pass or fail; AWARD questions are scored.",
 "document": "query RoundQuestionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on RoundQuestion {\n      __typename\n      id\n      number\n      text\n      kind\n      weight\n    }\n  }\n}\n",
 "view": [
  {
   "name": "number",
   "label": "Number",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "kind",
   "label": "Kind",
   "list": false,
   "kind": "enum",
   "type": "QuestionKind"
  },
  {
   "name": "text",
   "label": "Text",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "weight",
   "label": "Weight",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfRoundQuestion($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
