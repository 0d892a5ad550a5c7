// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "BidLot",
 "title": "Lot applied for",
 "description": "One lot of a bid: the establishments offered, the pricing schedule and the decision.",
 "document": "query BidLotPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on BidLot {\n      __typename\n      id\n      lot {\n        code\n        title\n        __typename\n        id\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n        phaseEndAges\n      }\n      decision\n      decidedAt\n      feedback\n      bid {\n        __typename\n        id\n        round {\n          number\n        }\n      }\n      moderation {\n        __typename\n        id\n        passedSelection\n        score\n        moderatedAt\n        moderator\n        scores {\n          question {\n            __typename\n            id\n            text\n          }\n          score\n        }\n        version\n      }\n      establishments {\n        __typename\n        id\n        name\n        type\n        provider {\n          __typename\n          id\n          legalName\n        }\n        closingOn\n      }\n      pricingSchedule {\n        band\n        element\n        weeklyFee\n      }\n      evaluations {\n        __typename\n        id\n        evaluator\n        completedAt\n        passed\n        feedback\n        scores {\n          question {\n            __typename\n            id\n            text\n          }\n          score\n          passed\n          comment\n        }\n        version\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "lot",
   "label": "Lot",
   "list": false,
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
   ]
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
   "name": "bid",
   "label": "Application",
   "list": false,
   "kind": "ref",
   "type": "Bid"
  },
  {
   "name": "moderation",
   "label": "Result",
   "list": false,
   "kind": "object",
   "type": "Moderation",
   "link": true,
   "fields": [
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
   ]
  },
  {
   "name": "establishments",
   "label": "Establishments offered",
   "list": true,
   "kind": "object",
   "type": "Establishment",
   "link": true,
   "fields": [
    {
     "name": "type",
     "label": "Type of establishment",
     "list": false,
     "kind": "enum",
     "type": "EstablishmentType"
    },
    {
     "name": "provider",
     "label": "Run by",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    },
    {
     "name": "closingOn",
     "label": "Closing on",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ]
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
   "hint": "Your weekly fees for each level of need and each part of the cost.",
   "format": "grid"
  },
  {
   "name": "evaluations",
   "label": "Evaluators' assessments",
   "list": true,
   "kind": "object",
   "type": "Evaluation",
   "link": true,
   "fields": [
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
   ]
  }
 ],
 "actions": [
  {
   "operation": "requestDocumentUpload",
   "title": "Request document upload",
   "description": "Upload a document, such as your insurance certificate or evidence for an outcome report."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfBidLot($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
