// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "ApplicationRound",
 "title": "Application round",
 "description": "A period when providers can apply to join lots of a purchasing system.",
 "document": "query ApplicationRoundPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on ApplicationRound {\n      __typename\n      id\n      number\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      opensAt\n      clarificationDeadline\n      closesAt\n      standstillEndsAt\n      cancelledAt\n      cancelReason\n      lots {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n        phaseEndAges\n      }\n      questions {\n        __typename\n        id\n        text\n        number\n        kind\n        weight\n      }\n      clarifications {\n        __typename\n        id\n        question\n        answer\n        answeredAt\n        askedByYou\n      }\n      scheduleChanges {\n        changedAt\n        reason\n        before {\n          opensAt\n          clarificationDeadline\n          closesAt\n          standstillEndsAt\n        }\n        after {\n          opensAt\n          clarificationDeadline\n          closesAt\n          standstillEndsAt\n        }\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "RoundStatus"
  },
  {
   "name": "system",
   "label": "Purchasing system",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
  },
  {
   "name": "opensAt",
   "label": "Opens",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "clarificationDeadline",
   "label": "Deadline for questions",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closesAt",
   "label": "Closes",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "standstillEndsAt",
   "label": "Standstill period ends",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "cancelledAt",
   "label": "Cancelled",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "cancelReason",
   "label": "Why it was cancelled",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "lots",
   "label": "Lots",
   "list": true,
   "kind": "object",
   "type": "Lot",
   "link": true,
   "fields": [
    {
     "name": "code",
     "label": "Lot",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Name",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Day or residential",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "ageMin",
     "label": "Youngest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Oldest age",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks a year",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "system",
     "label": "Purchasing system",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
    },
    {
     "name": "phaseEndAges",
     "label": "Phase end ages",
     "list": true,
     "kind": "scalar",
     "type": "Int"
    }
   ],
   "hint": "The lots you can apply to join in this round."
  },
  {
   "name": "questions",
   "label": "Questions",
   "list": true,
   "kind": "object",
   "type": "RoundQuestion",
   "link": true,
   "fields": [
    {
     "name": "number",
     "label": "Number",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "text",
     "label": "Question",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "kind",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "QuestionKind"
    },
    {
     "name": "weight",
     "label": "Weight",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "percent"
    }
   ],
   "hint": "Every application answers these questions."
  },
  {
   "name": "clarifications",
   "label": "Questions and answers",
   "list": true,
   "kind": "object",
   "type": "RoundClarification",
   "link": true,
   "fields": [
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
     "label": "Answered",
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
   "hint": "Questions providers have asked about this round, and the lead council's answers. We never show who asked."
  },
  {
   "name": "scheduleChanges",
   "label": "Changes to the dates",
   "list": true,
   "kind": "object",
   "type": "RoundScheduleChange",
   "fields": [
    {
     "name": "changedAt",
     "label": "Changed",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "reason",
     "label": "Reason",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "before",
     "label": "Dates before",
     "list": false,
     "kind": "object",
     "type": "RoundSchedule",
     "fields": [
      {
       "name": "opensAt",
       "label": "Opens",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "clarificationDeadline",
       "label": "Deadline for questions",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "closesAt",
       "label": "Closes",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "standstillEndsAt",
       "label": "Standstill period ends",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      }
     ]
    },
    {
     "name": "after",
     "label": "Dates after",
     "list": false,
     "kind": "object",
     "type": "RoundSchedule",
     "fields": [
      {
       "name": "opensAt",
       "label": "Opens",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "clarificationDeadline",
       "label": "Deadline for questions",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "closesAt",
       "label": "Closes",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "standstillEndsAt",
       "label": "Standstill period ends",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      }
     ]
    }
   ],
   "hint": "Changes to the round's dates after it opened, with the reasons."
  }
 ],
 "actions": [
  {
   "operation": "askClarification",
   "title": "Ask clarification",
   "description": "Ask the lead council a question about this round. Every applicant sees the answer, but not who asked."
  },
  {
   "operation": "createBid",
   "title": "Create bid",
   "description": "Start an application to join lots in this round. You can save it and come back to it."
  }
 ],
 "related": [
  {
   "title": "Applications",
   "query": "bids",
   "type": "Bid",
   "document": "query BidsOfApplicationRound($id: ID!) {\n  list: bids(first: 20, filter: {round: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      round {\n        number\n      }\n      status\n      submittedAt\n      withdrawnAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "BidStatus"
    },
    {
     "name": "submittedAt",
     "label": "Submitted",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "withdrawnAt",
     "label": "Withdrawn",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfApplicationRound($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
