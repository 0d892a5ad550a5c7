// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Bid",
 "title": "Application",
 "description": "Your application to join lots in an application round. Nobody can read it until the round closes.",
 "document": "query BidPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Bid {\n      __typename\n      id\n      round {\n        number\n        __typename\n        id\n      }\n      status\n      submittedAt\n      withdrawnAt\n      lots {\n        __typename\n        id\n        lot {\n          code\n          title\n          __typename\n          id\n        }\n        decision\n        decidedAt\n        feedback\n        moderation {\n          __typename\n          id\n        }\n        establishments {\n          __typename\n          id\n          name\n        }\n        pricingSchedule {\n          band\n          element\n          weeklyFee\n        }\n        evaluations {\n          __typename\n          id\n        }\n      }\n      answers {\n        question {\n          __typename\n          id\n          text\n        }\n        answer\n      }\n      withdrawalReason\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "BidStatus"
  },
  {
   "name": "round",
   "label": "Application round",
   "list": false,
   "kind": "ref",
   "type": "ApplicationRound"
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
  },
  {
   "name": "lots",
   "label": "Lots applied for",
   "list": true,
   "kind": "object",
   "type": "BidLot",
   "link": true,
   "fields": [
    {
     "name": "lot",
     "label": "Lot",
     "list": false,
     "kind": "ref",
     "type": "Lot"
    },
    {
     "name": "decision",
     "label": "Decision",
     "list": false,
     "kind": "enum",
     "type": "LotDecision"
    },
    {
     "name": "decidedAt",
     "label": "Decided",
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
     "name": "moderation",
     "label": "Result",
     "list": false,
     "kind": "ref",
     "type": "Moderation"
    },
    {
     "name": "establishments",
     "label": "Establishments offered",
     "list": true,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "pricingSchedule",
     "label": "Your prices",
     "list": true,
     "kind": "object",
     "type": "PriceLine",
     "fields": [
      {
       "name": "band",
       "label": "Level of need",
       "list": false,
       "kind": "enum",
       "type": "PricingBand"
      },
      {
       "name": "element",
       "label": "Cost",
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
     ],
     "format": "grid"
    },
    {
     "name": "evaluations",
     "label": "Evaluators' assessments",
     "list": true,
     "kind": "ref",
     "type": "Evaluation"
    }
   ],
   "hint": "For each lot, the establishments you offered, your prices and the decision."
  },
  {
   "name": "answers",
   "label": "Your answers",
   "list": true,
   "kind": "object",
   "type": "BidAnswer",
   "fields": [
    {
     "name": "question",
     "label": "Question",
     "list": false,
     "kind": "ref",
     "type": "RoundQuestion"
    },
    {
     "name": "answer",
     "label": "Your answer",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
  },
  {
   "name": "withdrawalReason",
   "label": "Withdrawal reason",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [
  {
   "operation": "answerQuestions",
   "title": "Answer questions",
   "description": "Answer the round's questions. You can change your answers until you submit your application."
  },
  {
   "operation": "removeBidLot",
   "title": "Remove bid lot",
   "description": "Take a lot out of your application before you submit it."
  },
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  },
  {
   "operation": "setBidLot",
   "title": "Set bid lot",
   "description": "Choose a lot, the establishments that would provide it, and your weekly fees."
  },
  {
   "operation": "submitBid",
   "title": "Submit bid",
   "description": "Send your finished application before the round closes. You cannot change it after you submit it."
  },
  {
   "operation": "withdrawBid",
   "title": "Withdraw bid",
   "description": "Withdraw your application while the round is open. You can start a new one before the closing date."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfBid($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
