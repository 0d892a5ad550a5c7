// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Authority",
 "title": "Authority",
 "description": "A local authority with education duties, identified by its GSS code.",
 "document": "query AuthorityPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Authority {\n      __typename\n      id\n      code\n      name\n      role\n      joinedOn\n      active\n      version\n    }\n  }\n}\n",
 "view": [
  {
   "name": "code",
   "label": "Code",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "name",
   "label": "Name",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "role",
   "label": "Role",
   "list": false,
   "kind": "enum",
   "type": "AuthorityRole"
  },
  {
   "name": "joinedOn",
   "label": "Joined on",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "active",
   "label": "Active",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Referrals",
   "query": "referrals",
   "type": "Referral",
   "document": "query ReferralsOfAuthority($id: ID!) {\n  list: referrals(first: 20, filter: {authority: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      authority {\n        __typename\n        id\n        code\n        name\n      }\n      startBy\n      offerDeadline\n      mode\n      openedAt\n      status\n    }\n  }\n}\n",
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
   "document": "query CallOffsOfAuthority($id: ID!) {\n  list: callOffs(first: 20, filter: {authority: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      reference\n      type\n      startDate\n      endDate\n      awardedAt\n      status\n    }\n  }\n}\n",
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
   "document": "query DocumentsOfAuthority($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
