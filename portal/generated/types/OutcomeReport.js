// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "OutcomeReport",
 "title": "Outcome report",
 "description": "A provider's termly report of outcomes for one call-off.",
 "document": "query OutcomeReportPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on OutcomeReport {\n      __typename\n      id\n      period\n      academicYear\n      term\n      narrative\n      dueAt\n      submittedAt\n      acceptedAt\n      queriedAt\n      queryComment\n      version\n      status\n      overdue\n      values {\n        value\n        measure {\n          __typename\n          id\n          code\n          name\n        }\n      }\n      callOff {\n        __typename\n        id\n        reference\n      }\n      queries {\n        askedAt\n        comment\n        answeredAt\n        answer\n        askedBy\n        answeredBy\n        open\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "academicYear",
   "label": "Academic year",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "term",
   "label": "Term",
   "list": false,
   "kind": "enum",
   "type": "Term"
  },
  {
   "name": "narrative",
   "label": "Narrative",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "dueAt",
   "label": "Due at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "submittedAt",
   "label": "Submitted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "acceptedAt",
   "label": "Accepted at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queriedAt",
   "label": "Queried at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "queryComment",
   "label": "Query comment",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "OutcomeReportStatus"
  },
  {
   "name": "period",
   "label": "Period",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "overdue",
   "label": "Overdue",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "values",
   "label": "Values",
   "list": true,
   "kind": "object",
   "type": "OutcomeValue",
   "fields": [
    {
     "name": "value",
     "label": "Value",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    },
    {
     "name": "measure",
     "label": "Measure",
     "list": false,
     "kind": "ref",
     "type": "OutcomeMeasure"
    }
   ]
  },
  {
   "name": "callOff",
   "label": "Call off",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "queries",
   "label": "Queries",
   "list": true,
   "kind": "object",
   "type": "OutcomeReportQuery",
   "fields": [
    {
     "name": "askedAt",
     "label": "Asked at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "comment",
     "label": "Comment",
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
     "name": "answer",
     "label": "Answer",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "askedBy",
     "label": "Asked by",
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
    },
    {
     "name": "open",
     "label": "Open",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "answerOutcomeReportQuery",
   "title": "Answer outcome report query",
   "description": "Answer the placing authority's open query on your report; then correct it if asked and resubmit it."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  },
  {
   "operation": "submitOutcomeReport",
   "title": "Submit outcome report",
   "description": "Submit your draft report for the placing authority's review, or resubmit a queried one once you have answered the query. It needs a narrative and at least one value."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfOutcomeReport($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
