// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "OutcomeReport",
 "title": "Outcome report",
 "description": "Your report on a child's progress over one term.",
 "document": "query OutcomeReportPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on OutcomeReport {\n      __typename\n      id\n      callOff {\n        reference\n        __typename\n        id\n      }\n      period\n      status\n      academicYear\n      term\n      dueAt\n      overdue\n      submittedAt\n      queriedAt\n      queryComment\n      acceptedAt\n      narrative\n      values {\n        measure {\n          __typename\n          id\n          code\n          name\n        }\n        value\n      }\n      queries {\n        askedAt\n        comment\n        open\n        answeredAt\n        answer\n        answeredBy\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OutcomeReportStatus"
  },
  {
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "academicYear",
   "label": "Academic year",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "academic-year"
  },
  {
   "name": "term",
   "label": "Term",
   "list": false,
   "kind": "enum",
   "type": "Term"
  },
  {
   "name": "dueAt",
   "label": "Due",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "overdue",
   "label": "Overdue",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "submittedAt",
   "label": "Sent",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queriedAt",
   "label": "Queried",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queryComment",
   "label": "The council's query",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "acceptedAt",
   "label": "Accepted",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "narrative",
   "label": "The child's progress",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "values",
   "label": "Outcome measures",
   "list": true,
   "kind": "object",
   "type": "OutcomeValue",
   "fields": [
    {
     "name": "measure",
     "label": "Measure",
     "list": false,
     "kind": "ref",
     "type": "OutcomeMeasure"
    },
    {
     "name": "value",
     "label": "Value",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    }
   ]
  },
  {
   "name": "queries",
   "label": "Queries and answers",
   "list": true,
   "kind": "object",
   "type": "OutcomeReportQuery",
   "fields": [
    {
     "name": "askedAt",
     "label": "Asked",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "comment",
     "label": "The council's query",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "open",
     "label": "Waiting for your answer",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "answeredAt",
     "label": "Answered",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "answer",
     "label": "Your answer",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "answeredBy",
     "label": "Answered by",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "The council's questions about this report, and your answers."
  }
 ],
 "actions": [
  {
   "operation": "answerOutcomeReportQuery",
   "title": "Answer outcome report query",
   "description": "Reply to the council's query about your outcome report."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  },
  {
   "operation": "submitOutcomeReport",
   "title": "Submit outcome report",
   "description": "Send your outcome report to the council for review."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfOutcomeReport($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
