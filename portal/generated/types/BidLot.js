// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "BidLot",
 "title": "Bid lot",
 "description": "One lot of a bid: the establishments offered, the pricing schedule and the decision.",
 "document": "query BidLotPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on BidLot {\n      __typename\n      id\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      decision\n      decidedAt\n      feedback\n      bid {\n        __typename\n        id\n        round {\n          __typename\n          id\n          number\n        }\n      }\n      establishments {\n        __typename\n        id\n        name\n        type\n        ofstedDate\n        provider {\n          __typename\n          id\n          legalName\n        }\n      }\n      pricingSchedule {\n        band\n        element\n        weeklyFee\n      }\n      moderation {\n        __typename\n        id\n        moderator\n        moderatedAt\n        rationale\n        passedSelection\n        score\n        version\n        scores {\n          score\n          question {\n            __typename\n            id\n            number\n            text\n          }\n        }\n      }\n      evaluations {\n        __typename\n        id\n        evaluator\n        passed\n        feedback\n        completedAt\n        version\n        scores {\n          score\n          passed\n          comment\n          question {\n            __typename\n            id\n            number\n            text\n          }\n        }\n      }\n    }\n  }\n}\n",
 "view": [
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
   "name": "bid",
   "label": "Bid",
   "list": false,
   "kind": "ref",
   "type": "Bid"
  },
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
   "name": "establishments",
   "label": "Establishments",
   "list": true,
   "kind": "object",
   "type": "Establishment",
   "link": true,
   "fields": [
    {
     "name": "type",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "EstablishmentType"
    },
    {
     "name": "ofstedDate",
     "label": "Ofsted date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
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
   "kind": "object",
   "type": "Moderation",
   "link": true,
   "fields": [
    {
     "name": "moderator",
     "label": "Moderator",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "moderatedAt",
     "label": "Moderated at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "rationale",
     "label": "Rationale",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "passedSelection",
     "label": "Passed selection",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "score",
     "label": "Score",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    },
    {
     "name": "scores",
     "label": "Scores",
     "list": true,
     "kind": "object",
     "type": "ModeratedScore",
     "fields": [
      {
       "name": "score",
       "label": "Score",
       "list": false,
       "kind": "scalar",
       "type": "Int"
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
   ]
  },
  {
   "name": "evaluations",
   "label": "Evaluations",
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
   ]
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfBidLot($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
