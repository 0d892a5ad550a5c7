// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Authority",
 "title": "Council",
 "description": "A local authority with education duties, identified by its GSS code.",
 "document": "query AuthorityPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Authority {\n      __typename\n      id\n      name\n      role\n      joinedOn\n      active\n      version\n      reviewIntervalMonths\n      reviewReportDays\n      reviewDecisionDays\n      planAmendmentDays\n    }\n  }\n}\n",
 "view": [
  {
   "name": "role",
   "label": "Part in the purchasing system",
   "list": false,
   "kind": "enum",
   "type": "AuthorityRole"
  },
  {
   "name": "joinedOn",
   "label": "Joined",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "active",
   "label": "Buys placements through the system",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "reviewIntervalMonths",
   "label": "Review interval months",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "reviewReportDays",
   "label": "Review report days",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "reviewDecisionDays",
   "label": "Review decision days",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "planAmendmentDays",
   "label": "Plan amendment days",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Annual reviews",
   "query": "annualReviews",
   "type": "AnnualReview",
   "document": "query AnnualReviewsOfAuthority($id: ID!) {\n  list: annualReviews(first: 20, filter: {authority: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      callOff {\n        reference\n      }\n      status\n      dueOn\n      meetingOn\n      reportDueOn\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "AnnualReviewStatus"
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
    }
   ]
  },
  {
   "title": "Referrals",
   "query": "referrals",
   "type": "Referral",
   "document": "query ReferralsOfAuthority($id: ID!) {\n  list: referrals(first: 20, filter: {authority: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      child {\n        reference\n      }\n      status\n      offerDeadline\n      startBy\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      mode\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "ReferralStatus"
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
     "kind": "ref",
     "type": "Lot"
    },
    {
     "name": "mode",
     "label": "How the placement will be awarded",
     "list": false,
     "kind": "enum",
     "type": "ReferralMode"
    }
   ]
  },
  {
   "title": "Placements",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfAuthority($id: ID!) {\n  list: callOffs(first: 20, filter: {authority: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      status\n      type\n      establishment {\n        __typename\n        id\n        name\n      }\n      referral {\n        __typename\n        id\n        child {\n          reference\n        }\n      }\n      startDate\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "CallOffStatus"
    },
    {
     "name": "type",
     "label": "Type of contract",
     "list": false,
     "kind": "enum",
     "type": "CallOffType"
    },
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "referral",
     "label": "Referral",
     "list": false,
     "kind": "ref",
     "type": "Referral"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfAuthority($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
