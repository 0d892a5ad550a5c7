// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Evaluation",
 "title": "Evaluator's assessment",
 "description": "One evaluator's assessment of a bid lot, and its moderated result.",
 "document": "query EvaluationPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Evaluation {\n      __typename\n      id\n      evaluator\n      completedAt\n      passed\n      feedback\n      scores {\n        question {\n          __typename\n          id\n          text\n        }\n        score\n        passed\n        comment\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "evaluator",
   "label": "Evaluator",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "completedAt",
   "label": "Completed",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "passed",
   "label": "Passed the pass or fail questions",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "feedback",
   "label": "Notes",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "scores",
   "label": "Scores",
   "list": true,
   "kind": "object",
   "type": "CriterionScore",
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
   "document": "query DocumentsOfEvaluation($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
