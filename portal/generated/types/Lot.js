// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Lot",
 "title": "Lot",
 "description": "A lot: one kind of placement, with its age band and weeks per year.",
 "document": "query LotPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Lot {\n      __typename\n      id\n      code\n      title\n      placementType\n      weeksPerYear\n      ageMin\n      ageMax\n      position\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n    }\n  }\n}\n",
 "view": [
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
 ],
 "actions": [],
 "related": [
  {
   "title": "Establishments",
   "query": "establishments",
   "type": "Establishment",
   "document": "query EstablishmentsOfLot($id: ID!) {\n  list: establishments(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      name\n      type\n      ofstedDate\n      provider {\n        __typename\n        id\n        legalName\n      }\n    }\n  }\n}\n",
   "columns": [
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
   "title": "Lot memberships",
   "query": "lotMemberships",
   "type": "LotMembership",
   "document": "query LotMembershipsOfLot($id: ID!) {\n  list: lotMemberships(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      provider {\n        __typename\n        id\n        legalName\n      }\n      since\n      until\n      suspendedAt\n      status\n      lot {\n        __typename\n        id\n        code\n        title\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "since",
     "label": "Since",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "until",
     "label": "Until",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "suspendedAt",
     "label": "Suspended at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "MembershipStatus"
    },
    {
     "name": "lot",
     "label": "Lot",
     "list": false,
     "kind": "ref",
     "type": "Lot"
    }
   ]
  },
  {
   "title": "Referrals",
   "query": "referrals",
   "type": "Referral",
   "document": "query ReferralsOfLot($id: ID!) {\n  list: referrals(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      authority {\n        __typename\n        id\n        code\n        name\n      }\n      startBy\n      offerDeadline\n      mode\n      openedAt\n      status\n    }\n  }\n}\n",
   "columns": [
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
     "name": "openedAt",
     "label": "Opened at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "ReferralStatus"
    }
   ]
  },
  {
   "title": "Call offs",
   "query": "callOffs",
   "type": "CallOff",
   "document": "query CallOffsOfLot($id: ID!) {\n  list: callOffs(first: 20, filter: {lot: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      type\n      startDate\n      endDate\n      awardedAt\n      status\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "type",
     "label": "Type",
     "list": false,
     "kind": "enum",
     "type": "CallOffType"
    },
    {
     "name": "startDate",
     "label": "Start date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "endDate",
     "label": "End date",
     "list": false,
     "kind": "scalar",
     "type": "Date"
    },
    {
     "name": "awardedAt",
     "label": "Awarded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "CallOffStatus"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfLot($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
