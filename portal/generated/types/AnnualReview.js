// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "AnnualReview",
 "title": "Annual review",
 "description": "The yearly review of a child's EHC plan. The council arranges the meeting; you send your annual review report 2 weeks before it, so that everyone coming can read it first.",
 "document": "query AnnualReviewPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on AnnualReview {\n      __typename\n      id\n      callOff {\n        reference\n        __typename\n        id\n      }\n      status\n      dueOn\n      meetingOn\n      reportDueOn\n      reportDaysLate\n      reportSubmittedAt\n      reportNarrative\n      reportOutcomes {\n        measure {\n          __typename\n          id\n          code\n          name\n        }\n        narrative\n      }\n      attendancePercent\n      latestOutcomes {\n        measure {\n          __typename\n          id\n          code\n          name\n        }\n        value\n        period\n      }\n      heldOn\n      attendees\n      decision\n      decidedOn\n      decisionDueOn\n      amendedPlanDueOn\n      amendedPlanIssuedOn\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "AnnualReviewStatus"
  },
  {
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "dueOn",
   "label": "Review due by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "meetingOn",
   "label": "Review meeting",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "reportDueOn",
   "label": "Your report is due by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "reportDaysLate",
   "label": "Days your report is late",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "reportSubmittedAt",
   "label": "Your report was sent",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "reportNarrative",
   "label": "How the child is getting on",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "reportOutcomes",
   "label": "Progress towards outcomes",
   "list": true,
   "kind": "object",
   "type": "ReviewOutcome",
   "fields": [
    {
     "name": "measure",
     "label": "Outcome",
     "list": false,
     "kind": "ref",
     "type": "OutcomeMeasure"
    },
    {
     "name": "narrative",
     "label": "Progress",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
  },
  {
   "name": "attendancePercent",
   "label": "Attendance this school year",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "percent"
  },
  {
   "name": "latestOutcomes",
   "label": "Latest outcome measures",
   "list": true,
   "kind": "object",
   "type": "LatestOutcome",
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
    },
    {
     "name": "period",
     "label": "Reported for",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "The latest value of each measure from your outcome reports, to help you write this report."
  },
  {
   "name": "heldOn",
   "label": "Meeting held",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "attendees",
   "label": "Who took part",
   "list": true,
   "kind": "enum",
   "type": "ReviewAttendee"
  },
  {
   "name": "decision",
   "label": "The council's decision",
   "list": false,
   "kind": "enum",
   "type": "ReviewDecision"
  },
  {
   "name": "decidedOn",
   "label": "Decided",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "decisionDueOn",
   "label": "The council decides by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "amendedPlanDueOn",
   "label": "Amended plan due by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "amendedPlanIssuedOn",
   "label": "Amended plan issued",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  },
  {
   "operation": "submitReviewReport",
   "title": "Submit review report",
   "description": "Send the council your annual review report for this child, 2 weeks before the review meeting. You can change it and send it again until the meeting."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfAnnualReview($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
