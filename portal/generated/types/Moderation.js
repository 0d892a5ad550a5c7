// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Moderation",
 "title": "Moderation",
 "description": "The agreed result for a bid lot, moderated from its evaluators' marks.",
 "document": "query ModerationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Moderation {\n      __typename\n      id\n      moderator\n      moderatedAt\n      rationale\n      passedSelection\n      score\n      version\n      scores {\n        score\n        question {\n          __typename\n          id\n          number\n          text\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "moderator",
   "label": "Moderator",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "moderatedAt",
   "label": "Moderated at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "rationale",
   "label": "Rationale",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "passedSelection",
   "label": "Passed selection",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "score",
   "label": "Score",
   "list": false,
   "kind": "scalar",
   "type": "Float"
  },
  {
   "name": "scores",
   "label": "Scores",
   "list": true,
   "kind": "object",
   "type": "ModeratedScore",
   "fields": [
    {
     "name": "score",
     "label": "Score",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "question",
     "label": "Question",
     "list": false,
     "kind": "ref",
     "type": "RoundQuestion"
    }
   ]
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfModeration($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
