// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Referral",
 "title": "Referral",
 "description": "An authority's pseudonymised request for a placement for one child.",
 "document": "query ReferralPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Referral {\n      __typename\n      id\n      authority {\n        __typename\n        id\n        code\n        name\n      }\n      startBy\n      offerDeadline\n      mode\n      qualityWeight\n      priceWeight\n      openedAt\n      cancelledAt\n      cancelReason\n      version\n      status\n      child {\n        reference\n        pseudonymised\n        ageAtStart\n        gender\n        primaryNeed\n        secondaryNeeds\n        homePostcodeDistrict\n        homeLatitude\n        homeLongitude\n        needsSummary\n      }\n      lot {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n        system {\n          __typename\n          id\n          reference\n          title\n        }\n      }\n      invitedProviders {\n        __typename\n        id\n        legalName\n        status\n        verifiedAt\n      }\n      offers {\n        __typename\n        id\n        provider {\n          __typename\n          id\n          legalName\n        }\n        startDate\n        submittedAt\n        withdrawnAt\n        status\n        referral {\n          __typename\n          id\n          authority {\n            __typename\n            id\n            code\n            name\n          }\n        }\n      }\n      callOff {\n        __typename\n        id\n        reference\n      }\n      ncYearAtStart\n      qualityQuestions\n      invitations {\n        invitedAt\n        provider {\n          __typename\n          id\n          legalName\n        }\n      }\n      matches {\n        eligible\n        distanceKm\n        weeklyStandardFee\n        reasonsFor {\n          criterion\n          blocking\n          explanation\n        }\n        reasonsAgainst {\n          criterion\n          blocking\n          explanation\n        }\n        establishment {\n          __typename\n          id\n          name\n        }\n        provider {\n          __typename\n          id\n          legalName\n        }\n        membership {\n          __typename\n          id\n          provider {\n            __typename\n            id\n            legalName\n          }\n        }\n      }\n      ranking {\n        mode\n        qualityWeight\n        priceWeight\n        lowestAnnualCost\n        complete\n        working\n        offers {\n          rank\n          label\n          weeklyTotal\n          weeksPerYear\n          annualCost\n          priceScore\n          qualityScore\n          weightedTotal\n          submittedAt\n          working\n          offer {\n            __typename\n            id\n            provider {\n              __typename\n              id\n              legalName\n            }\n          }\n        }\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "startBy",
   "label": "Start by",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "offerDeadline",
   "label": "Offer deadline",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "mode",
   "label": "Mode",
   "list": false,
   "kind": "enum",
   "type": "ReferralMode"
  },
  {
   "name": "qualityWeight",
   "label": "Quality weight",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "priceWeight",
   "label": "Price weight",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "openedAt",
   "label": "Opened at",
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
   "type": "ReferralStatus"
  },
  {
   "name": "child",
   "label": "Child",
   "list": false,
   "kind": "object",
   "type": "ChildProfile",
   "fields": [
    {
     "name": "reference",
     "label": "Reference",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "pseudonymised",
     "label": "Pseudonymised",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
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
     "label": "Home postcode district",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "homeLatitude",
     "label": "Home latitude",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    },
    {
     "name": "homeLongitude",
     "label": "Home longitude",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    },
    {
     "name": "needsSummary",
     "label": "Needs summary",
     "list": false,
     "kind": "scalar",
     "type": "String"
    }
   ]
  },
  {
   "name": "authority",
   "label": "Authority",
   "list": false,
   "kind": "ref",
   "type": "Authority"
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
   "name": "invitedProviders",
   "label": "Invited providers",
   "list": true,
   "kind": "object",
   "type": "Provider",
   "link": true,
   "fields": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "ProviderStatus"
    },
    {
     "name": "verifiedAt",
     "label": "Verified at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "name": "offers",
   "label": "Offers",
   "list": true,
   "kind": "object",
   "type": "Offer",
   "link": true,
   "fields": [
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
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
     "type": "OfferStatus"
    },
    {
     "name": "referral",
     "label": "Referral",
     "list": false,
     "kind": "ref",
     "type": "Referral"
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
   "name": "ncYearAtStart",
   "label": "Nc year at start",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "qualityQuestions",
   "label": "Quality questions",
   "list": true,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "invitations",
   "label": "Invitations",
   "list": true,
   "kind": "object",
   "type": "ReferralInvitation",
   "fields": [
    {
     "name": "invitedAt",
     "label": "Invited at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
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
   "name": "matches",
   "label": "Matches",
   "list": true,
   "kind": "object",
   "type": "Match",
   "fields": [
    {
     "name": "eligible",
     "label": "Eligible",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "distanceKm",
     "label": "Distance km",
     "list": false,
     "kind": "scalar",
     "type": "Float"
    },
    {
     "name": "weeklyStandardFee",
     "label": "Weekly standard fee",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "reasonsFor",
     "label": "Reasons for",
     "list": true,
     "kind": "object",
     "type": "MatchReason",
     "fields": [
      {
       "name": "criterion",
       "label": "Criterion",
       "list": false,
       "kind": "enum",
       "type": "MatchCriterion"
      },
      {
       "name": "blocking",
       "label": "Blocking",
       "list": false,
       "kind": "scalar",
       "type": "Boolean"
      },
      {
       "name": "explanation",
       "label": "Explanation",
       "list": false,
       "kind": "scalar",
       "type": "String"
      }
     ]
    },
    {
     "name": "reasonsAgainst",
     "label": "Reasons against",
     "list": true,
     "kind": "object",
     "type": "MatchReason",
     "fields": [
      {
       "name": "criterion",
       "label": "Criterion",
       "list": false,
       "kind": "enum",
       "type": "MatchCriterion"
      },
      {
       "name": "blocking",
       "label": "Blocking",
       "list": false,
       "kind": "scalar",
       "type": "Boolean"
      },
      {
       "name": "explanation",
       "label": "Explanation",
       "list": false,
       "kind": "scalar",
       "type": "String"
      }
     ]
    },
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    },
    {
     "name": "membership",
     "label": "Membership",
     "list": false,
     "kind": "ref",
     "type": "LotMembership"
    }
   ]
  },
  {
   "name": "ranking",
   "label": "Ranking",
   "list": false,
   "kind": "object",
   "type": "OfferRanking",
   "fields": [
    {
     "name": "mode",
     "label": "Mode",
     "list": false,
     "kind": "enum",
     "type": "ReferralMode"
    },
    {
     "name": "qualityWeight",
     "label": "Quality weight",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "priceWeight",
     "label": "Price weight",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "lowestAnnualCost",
     "label": "Lowest annual cost",
     "list": false,
     "kind": "scalar",
     "type": "Pence"
    },
    {
     "name": "complete",
     "label": "Complete",
     "list": false,
     "kind": "scalar",
     "type": "Boolean"
    },
    {
     "name": "working",
     "label": "Working",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "offers",
     "label": "Offers",
     "list": true,
     "kind": "object",
     "type": "RankedOffer",
     "fields": [
      {
       "name": "rank",
       "label": "Rank",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "label",
       "label": "Label",
       "list": false,
       "kind": "scalar",
       "type": "String"
      },
      {
       "name": "weeklyTotal",
       "label": "Weekly total",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "weeksPerYear",
       "label": "Weeks per year",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "annualCost",
       "label": "Annual cost",
       "list": false,
       "kind": "scalar",
       "type": "Pence"
      },
      {
       "name": "priceScore",
       "label": "Price score",
       "list": false,
       "kind": "scalar",
       "type": "Decimal"
      },
      {
       "name": "qualityScore",
       "label": "Quality score",
       "list": false,
       "kind": "scalar",
       "type": "Int"
      },
      {
       "name": "weightedTotal",
       "label": "Weighted total",
       "list": false,
       "kind": "scalar",
       "type": "Decimal"
      },
      {
       "name": "submittedAt",
       "label": "Submitted at",
       "list": false,
       "kind": "scalar",
       "type": "DateTime"
      },
      {
       "name": "working",
       "label": "Working",
       "list": false,
       "kind": "scalar",
       "type": "String"
      },
      {
       "name": "offer",
       "label": "Offer",
       "list": false,
       "kind": "ref",
       "type": "Offer"
      }
     ]
    }
   ]
  }
 ],
 "actions": [
  {
   "operation": "submitOffer",
   "title": "Submit offer",
   "description": "Offer a place against an OPEN referral your organisation is invited to, before its offer deadline. Fees above your rate card need a justification and are flagged. One live offer per establishment."
  }
 ],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfReferral($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
