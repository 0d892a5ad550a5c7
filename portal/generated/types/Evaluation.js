// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Evaluation",
 "title": "Evaluation",
 "description": "One evaluator's assessment of a bid lot, and its moderated result.",
 "document": "query EvaluationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Evaluation {\n      __typename\n      id\n      evaluator\n      passed\n      feedback\n      completedAt\n      version\n      scores {\n        score\n        passed\n        comment\n        question {\n          __typename\n          id\n          number\n          text\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "evaluator",
   "label": "Evaluator",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "passed",
   "label": "Passed",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "feedback",
   "label": "Feedback",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "completedAt",
   "label": "Completed at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "scores",
   "label": "Scores",
   "list": true,
   "kind": "object",
   "type": "CriterionScore",
   "fields": [
    {
     "name": "score",
     "label": "Score",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "passed",
     "label": "Passed",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "comment",
     "label": "Comment",
     "list": false,
     "kind": "scalar",
     "type": "String"
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
   "document": "query DocumentsOfEvaluation($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
