// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Bid",
 "title": "Bid",
 "description": "A provider's application in a round. Sealed until the round closes.",
 "document": "query BidPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Bid {\n      __typename\n      id\n      round {\n        __typename\n        id\n        number\n      }\n      submittedAt\n      withdrawnAt\n      version\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n      lots {\n        __typename\n        id\n        lot {\n          __typename\n          id\n          code\n          title\n        }\n        decision\n        decidedAt\n        feedback\n        establishments {\n          __typename\n          id\n          name\n        }\n        pricingSchedule {\n          band\n          element\n          weeklyFee\n        }\n        moderation {\n          __typename\n          id\n        }\n        evaluations {\n          __typename\n          id\n        }\n      }\n      answers {\n        answer\n        question {\n          __typename\n          id\n          number\n          text\n        }\n      }\n    }\n  }\n}\n",
 "view": [
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
   "name": "round",
   "label": "Round",
   "list": false,
   "kind": "ref",
   "type": "ApplicationRound"
  },
  {
   "name": "provider",
   "label": "Provider",
   "list": false,
   "kind": "ref",
   "type": "Provider"
  },
  {
   "name": "lots",
   "label": "Lots",
   "list": true,
   "kind": "object",
   "type": "BidLot",
   "link": true,
   "fields": [
    {
     "name": "decision",
     "label": "Decision",
     "list": false,
     "kind": "enum",
     "type": "LotDecision"
    },
    {
     "name": "decidedAt",
     "label": "Decided at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "feedback",
     "label": "Feedback",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "lot",
     "label": "Lot",
     "list": false,
     "kind": "ref",
     "type": "Lot"
    },
    {
     "name": "establishments",
     "label": "Establishments",
     "list": true,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "pricingSchedule",
     "label": "Pricing schedule",
     "list": true,
     "kind": "object",
     "type": "PriceLine",
     "fields": [
      {
       "name": "band",
       "label": "Band",
       "list": false,
       "kind": "enum",
       "type": "PricingBand"
      },
      {
       "name": "element",
       "label": "Element",
       "list": false,
       "kind": "enum",
       "type": "CostElement"
      },
      {
       "name": "weeklyFee",
       "label": "Weekly fee",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      }
     ]
    },
    {
     "name": "moderation",
     "label": "Moderation",
     "list": false,
     "kind": "ref",
     "type": "Moderation"
    },
    {
     "name": "evaluations",
     "label": "Evaluations",
     "list": true,
     "kind": "ref",
     "type": "Evaluation"
    }
   ]
  },
  {
   "name": "answers",
   "label": "Answers",
   "list": true,
   "kind": "object",
   "type": "BidAnswer",
   "fields": [
    {
     "name": "answer",
     "label": "Answer",
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
 "actions": [
  {
   "operation": "answerQuestions",
   "title": "Answer questions",
   "description": "Save answers to the round's questions on a draft bid, one per question."
  },
  {
   "operation": "removeBidLot",
   "title": "Remove bid lot",
   "description": "Take a lot out of a draft bid, with its establishments and pricing schedule."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Start attaching a document: checks your right to attach it and what you declare, records a pending document and returns a signed upload limited to exactly this file's type and size."
  },
  {
   "operation": "setBidLot",
   "title": "Set bid lot",
   "description": "Bid for a lot of the round, or replace what a draft bid offers for it: the establishments and the whole pricing schedule."
  },
  {
   "operation": "submitBid",
   "title": "Submit bid",
   "description": "Submit a complete draft bid before the round closes: at least one lot with establishments and a full pricing schedule, and an answer to every question. It is sealed and never changes after."
  },
  {
   "operation": "withdrawBid",
   "title": "Withdraw bid",
   "description": "Withdraw a draft or submitted bid while the round is open. It stays withdrawn; to apply again, start a new bid, optionally copied from it, and submit that before the deadline."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfBid($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
