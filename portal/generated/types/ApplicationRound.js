// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "ApplicationRound",
 "title": "Application round",
 "description": "A window in which providers bid for admission to lots. Its state follows from its dates.",
 "document": "query ApplicationRoundPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on ApplicationRound {\n      __typename\n      id\n      number\n      opensAt\n      clarificationDeadline\n      closesAt\n      standstillEndsAt\n      cancelledAt\n      cancelReason\n      version\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      lots {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      questions {\n        __typename\n        id\n        number\n        text\n        kind\n        weight\n      }\n      clarifications {\n        __typename\n        id\n        question\n        answer\n        answeredAt\n        askedByYou\n      }\n      scheduleChanges {\n        changedAt\n        reason\n        before {\n          opensAt\n          clarificationDeadline\n          closesAt\n          standstillEndsAt\n        }\n        after {\n          opensAt\n          clarificationDeadline\n          closesAt\n          standstillEndsAt\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "number",
   "label": "Number",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "opensAt",
   "label": "Opens at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "clarificationDeadline",
   "label": "Clarification deadline",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closesAt",
   "label": "Closes at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "standstillEndsAt",
   "label": "Standstill ends at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "cancelledAt",
   "label": "Cancelled at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "cancelReason",
   "label": "Cancel reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "RoundStatus"
  },
  {
   "name": "system",
   "label": "System",
   "list": false,
   "kind": "ref",
   "type": "PurchasingSystem"
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
     "label": "Code",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "placementType",
     "label": "Placement type",
     "list": false,
     "kind": "enum",
     "type": "PlacementType"
    },
    {
     "name": "weeksPerYear",
     "label": "Weeks per year",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMin",
     "label": "Age min",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "ageMax",
     "label": "Age max",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "position",
     "label": "Position",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "system",
     "label": "System",
     "list": false,
     "kind": "ref",
     "type": "PurchasingSystem"
    }
   ]
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
   ]
  },
  {
   "name": "clarifications",
   "label": "Clarifications",
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
   ]
  },
  {
   "name": "scheduleChanges",
   "label": "Schedule changes",
   "list": true,
   "kind": "object",
   "type": "RoundScheduleChange",
   "fields": [
    {
     "name": "changedAt",
     "label": "Changed at",
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
     "label": "Before",
     "list": false,
     "kind": "object",
     "type": "RoundSchedule",
     "fields": [
      {
       "name": "opensAt",
       "label": "Opens at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "clarificationDeadline",
       "label": "Clarification deadline",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "closesAt",
       "label": "Closes at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "standstillEndsAt",
       "label": "Standstill ends at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      }
     ]
    },
    {
     "name": "after",
     "label": "After",
     "list": false,
     "kind": "object",
     "type": "RoundSchedule",
     "fields": [
      {
       "name": "opensAt",
       "label": "Opens at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "clarificationDeadline",
       "label": "Clarification deadline",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "closesAt",
       "label": "Closes at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "standstillEndsAt",
       "label": "Standstill ends at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      }
     ]
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "askClarification",
   "title": "Ask clarification",
   "description": "Ask a clarification question about an open round, before its clarification deadline."
  },
  {
   "operation": "createBid",
   "title": "Create bid",
   "description": "Start a DRAFT bid in an open round. Your organisation must be verified and ACTIVE, and may have one live bid per round: after withdrawing one, start another, optionally copied from it."
  }
 ],
 "related": [
  {
   "title": "Bids",
   "query": "bids",
   "type": "Bid",
   "document": "query BidsOfApplicationRound($id: ID!) {\n  list: bids(first: 20, filter: {round: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      round {\n        __typename\n        id\n        number\n      }\n      submittedAt\n      withdrawnAt\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "submittedAt",
     "label": "Submitted at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "withdrawnAt",
     "label": "Withdrawn at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "BidStatus"
    },
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfApplicationRound($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
