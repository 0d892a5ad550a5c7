// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Referral",
 "title": "Referral",
 "description": "A council's request for a placement for one child. We never share the child's name.",
 "document": "query ReferralPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Referral {\n      __typename\n      id\n      child {\n        reference\n        ageAtStart\n        gender\n        primaryNeed\n        secondaryNeeds\n        homePostcodeDistrict\n        needsSummary\n      }\n      status\n      authority {\n        __typename\n        id\n        name\n      }\n      offerDeadline\n      startBy\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n        phaseEndAges\n      }\n      mode\n      qualityWeight\n      priceWeight\n      ncYearAtStart\n      openedAt\n      cancelledAt\n      cancelReason\n      callOff {\n        __typename\n        id\n        reference\n      }\n      qualityQuestions\n      offers {\n        __typename\n        id\n        reference\n        establishment {\n          name\n          __typename\n          id\n        }\n        status\n        startDate\n        submittedAt\n        withdrawnAt\n      }\n      matches {\n        establishment {\n          __typename\n          id\n          name\n        }\n        eligible\n        distanceKm\n        weeklyStandardFee\n        reasonsFor {\n          criterion\n          explanation\n        }\n        reasonsAgainst {\n          criterion\n          explanation\n        }\n      }\n      invitations {\n        invitedAt\n      }\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "ReferralStatus"
  },
  {
   "name": "authority",
   "label": "Council",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "offerDeadline",
   "label": "Offers close",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "startBy",
   "label": "Placement to start by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
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
   "name": "mode",
   "label": "How the placement will be awarded",
   "list": false,
   "kind": "enum",
   "type": "ReferralMode"
  },
  {
   "name": "qualityWeight",
   "label": "Weight given to quality",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "percent"
  },
  {
   "name": "priceWeight",
   "label": "Weight given to price",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "percent"
  },
  {
   "name": "ncYearAtStart",
   "label": "National curriculum year at start",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "plain"
  },
  {
   "name": "openedAt",
   "label": "Sent to providers",
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
   "name": "callOff",
   "label": "Placement",
   "list": false,
   "kind": "ref",
   "type": "CallOff"
  },
  {
   "name": "child",
   "label": "The child",
   "list": false,
   "kind": "object",
   "type": "ChildProfile",
   "fields": [
    {
     "name": "ageAtStart",
     "label": "Age at start",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "gender",
     "label": "Gender",
     "list": false,
     "kind": "enum",
     "type": "Gender"
    },
    {
     "name": "primaryNeed",
     "label": "Primary need",
     "list": false,
     "kind": "enum",
     "type": "NeedCode"
    },
    {
     "name": "secondaryNeeds",
     "label": "Secondary needs",
     "list": true,
     "kind": "enum",
     "type": "NeedCode"
    },
    {
     "name": "homePostcodeDistrict",
     "label": "Home postcode area",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "needsSummary",
     "label": "Needs and support required",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ],
   "hint": "We do not share the child's name or address with you. Their home is shown as a postcode area only."
  },
  {
   "name": "qualityQuestions",
   "label": "Questions your offer must answer",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "offers",
   "label": "Your offers",
   "list": true,
   "kind": "object",
   "type": "Offer",
   "link": true,
   "fields": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "OfferStatus"
    },
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "submittedAt",
     "label": "Offer made",
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
   "name": "matches",
   "label": "How your establishments match",
   "list": true,
   "kind": "object",
   "type": "Match",
   "fields": [
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "eligible",
     "label": "Can be offered",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "distanceKm",
     "label": "Distance from the child's home",
     "list": false,
     "kind": "scalar",
     "type": "Float",
     "format": "km"
    },
    {
     "name": "weeklyStandardFee",
     "label": "Your standard weekly fee",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "reasonsFor",
     "label": "In its favour",
     "list": true,
     "kind": "object",
     "type": "MatchReason",
     "fields": [
      {
       "name": "criterion",
       "label": "Checked",
       "list": false,
       "kind": "enum",
       "type": "MatchCriterion"
      },
      {
       "name": "explanation",
       "label": "Finding",
       "list": false,
       "kind": "scalar",
       "type": "String"
      }
     ]
    },
    {
     "name": "reasonsAgainst",
     "label": "Against it",
     "list": true,
     "kind": "object",
     "type": "MatchReason",
     "fields": [
      {
       "name": "criterion",
       "label": "Checked",
       "list": false,
       "kind": "enum",
       "type": "MatchCriterion"
      },
      {
       "name": "explanation",
       "label": "Finding",
       "list": false,
       "kind": "scalar",
       "type": "String"
      }
     ]
    }
   ],
   "hint": "Each of your establishments that provides this lot, checked against the child's needs, age and gender, your vacancies and any concern after an inspection. Distances are approximate."
  },
  {
   "name": "invitations",
   "label": "Your invitation",
   "list": true,
   "kind": "object",
   "type": "ReferralInvitation",
   "fields": [
    {
     "name": "invitedAt",
     "label": "Invited",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "submitOffer",
   "title": "Submit offer",
   "description": "Offer a place for this child at one of your establishments, before the offer deadline."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfReferral($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
