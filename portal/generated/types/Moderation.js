// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Moderation",
 "title": "Moderated result",
 "description": "The result the evaluators agreed.",
 "document": "query ModerationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Moderation {\n      __typename\n      id\n      passedSelection\n      score\n      rationale\n      moderatedAt\n      moderator\n      scores {\n        question {\n          __typename\n          id\n          text\n        }\n        score\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "passedSelection",
   "label": "Passed selection questions",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "score",
   "label": "Weighted score out of 100",
   "list": false,
   "kind": "scalar",
   "type": "Float"
  },
  {
   "name": "rationale",
   "label": "Reasons for the marks",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "moderatedAt",
   "label": "Agreed",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "moderator",
   "label": "Moderated by",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "scores",
   "label": "Moderated score for each question",
   "list": true,
   "kind": "object",
   "type": "ModeratedScore",
   "fields": [
    {
     "name": "question",
     "label": "Question",
     "list": false,
     "kind": "ref",
     "type": "RoundQuestion"
    },
    {
     "name": "score",
     "label": "Score out of 5",
     "list": false,
     "kind": "scalar",
     "type": "Int"
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
   "document": "query DocumentsOfModeration($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
