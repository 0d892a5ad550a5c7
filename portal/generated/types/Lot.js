// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Lot",
 "title": "Lot",
 "description": "One kind of placement a purchasing system buys, for an age range.",
 "document": "query LotPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Lot {\n      __typename\n      id\n      code\n      title\n      placementType\n      ageMin\n      ageMax\n      weeksPerYear\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n      phaseEndAges\n    }\n  }\n}\n",
 "view": [
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
 "actions": [],
 "related": [
  {
   "title": "Fee uplift requests",
   "query": "upliftRequests",
   "type": "UpliftRequest",
   "document": "query UpliftRequestsOfLot($id: ID!) {\n  list: upliftRequests(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      establishment {\n        __typename\n        id\n        name\n      }\n      effectiveFrom\n      submittedAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "establishment",
     "label": "Establishment",
     "list": false,
     "kind": "ref",
     "type": "Establishment"
    },
    {
     "name": "effectiveFrom",
     "label": "Uplift from",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "submittedAt",
     "label": "Asked on",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Lot memberships",
   "query": "lotMemberships",
   "type": "LotMembership",
   "document": "query LotMembershipsOfLot($id: ID!) {\n  list: lotMemberships(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n      status\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "MembershipStatus"
    },
    {
     "name": "provider",
     "label": "Provider",
     "list": false,
     "kind": "ref",
     "type": "Provider"
    },
    {
     "name": "since",
     "label": "Member since",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "until",
     "label": "Membership ends",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "suspendedAt",
     "label": "Suspended",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Referrals",
   "query": "referrals",
   "type": "Referral",
   "document": "query ReferralsOfLot($id: ID!) {\n  list: referrals(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      child {\n        reference\n      }\n      status\n      authority {\n        __typename\n        id\n        name\n      }\n      offerDeadline\n      startBy\n      mode\n    }\n  }\n}\n",
   "columns": [
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
   "document": "query CallOffsOfLot($id: ID!) {\n  list: callOffs(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      status\n      type\n      establishment {\n        __typename\n        id\n        name\n      }\n      authority {\n        __typename\n        id\n        name\n      }\n      startDate\n    }\n  }\n}\n",
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
     "name": "authority",
     "label": "Council",
     "list": false,
     "kind": "ref",
     "type": "Authority"
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
   "document": "query DocumentsOfLot($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
