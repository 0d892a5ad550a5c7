// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "RoundClarification",
 "title": "Round clarification",
 "description": "A clarification question about a round and the lead authority's answer, published to every bidder.",
 "document": "query RoundClarificationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on RoundClarification {\n      __typename\n      id\n      question\n      answer\n      answeredAt\n      askedByYou\n    }\n  }\n}\n",
 "view": [
  {
   "name": "question",
   "label": "Question",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "answer",
   "label": "Answer",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "answeredAt",
   "label": "Answered at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "askedByYou",
   "label": "Asked by you",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfRoundClarification($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
