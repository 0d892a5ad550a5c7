// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "PurchasingSystem",
 "title": "Purchasing system",
 "description": "A flexible purchasing system, dynamic market or open framework run by a lead authority.",
 "document": "query PurchasingSystemPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on PurchasingSystem {\n      __typename\n      id\n      reference\n      title\n      ocid\n      description\n      regime\n      admissionMode\n      termStart\n      termEnd\n      activatedAt\n      closedAt\n      version\n      decisionPeriodDays\n      status\n      leadAuthority {\n        __typename\n        id\n        code\n        name\n      }\n      memberAuthorities {\n        __typename\n        id\n        code\n        name\n        role\n        joinedOn\n      }\n      lots {\n        __typename\n        id\n        code\n        title\n        placementType\n        weeksPerYear\n        ageMin\n        ageMax\n        position\n      }\n      specifications {\n        __typename\n        id\n        title\n        versionNumber\n        body\n        publishedAt\n        supersededAt\n        version\n        status\n      }\n      currentSpecification {\n        __typename\n        id\n        title\n        versionNumber\n        body\n        publishedAt\n        supersededAt\n        version\n        status\n      }\n      outcomeMeasures {\n        __typename\n        id\n        code\n        name\n        domain\n        retiredAt\n      }\n    }\n  }\n}\n",
 "view": [
  {
   "name": "title",
   "label": "Title",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "reference",
   "label": "Reference",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "ocid",
   "label": "Ocid",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "description",
   "label": "Description",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "regime",
   "label": "Regime",
   "list": false,
   "kind": "enum",
   "type": "Regime"
  },
  {
   "name": "admissionMode",
   "label": "Admission mode",
   "list": false,
   "kind": "enum",
   "type": "AdmissionMode"
  },
  {
   "name": "termStart",
   "label": "Term start",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "termEnd",
   "label": "Term end",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "activatedAt",
   "label": "Activated at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closedAt",
   "label": "Closed at",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "decisionPeriodDays",
   "label": "Decision period days",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SystemStatus"
  },
  {
   "name": "leadAuthority",
   "label": "Lead authority",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "memberAuthorities",
   "label": "Member authorities",
   "list": true,
   "kind": "object",
   "type": "Authority",
   "link": true,
   "fields": [
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
    }
   ]
  },
  {
   "name": "lots",
   "label": "Lots",
   "list": true,
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
    }
   ]
  },
  {
   "name": "specifications",
   "label": "Specifications",
   "list": true,
   "kind": "object",
   "type": "Specification",
   "link": true,
   "fields": [
    {
     "name": "versionNumber",
     "label": "Version number",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "body",
     "label": "Body",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "publishedAt",
     "label": "Published at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "supersededAt",
     "label": "Superseded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "SpecificationStatus"
    }
   ]
  },
  {
   "name": "currentSpecification",
   "label": "Current specification",
   "list": false,
   "kind": "object",
   "type": "Specification",
   "link": true,
   "fields": [
    {
     "name": "versionNumber",
     "label": "Version number",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    },
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "body",
     "label": "Body",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "publishedAt",
     "label": "Published at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "supersededAt",
     "label": "Superseded at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "SpecificationStatus"
    }
   ]
  },
  {
   "name": "outcomeMeasures",
   "label": "Outcome measures",
   "list": true,
   "kind": "object",
   "type": "OutcomeMeasure",
   "link": true,
   "fields": [
    {
     "name": "domain",
     "label": "Domain",
     "list": false,
     "kind": "enum",
     "type": "OutcomeDomain"
    },
    {
     "name": "retiredAt",
     "label": "Retired at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Application rounds",
   "query": "applicationRounds",
   "type": "ApplicationRound",
   "document": "query ApplicationRoundsOfPurchasingSystem($id: ID!) {\n  list: applicationRounds(first: 20, filter: {system: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      number\n      opensAt\n      clarificationDeadline\n      closesAt\n      status\n      system {\n        __typename\n        id\n        reference\n        title\n      }\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "opensAt",
     "label": "Opens at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "clarificationDeadline",
     "label": "Clarification deadline",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "closesAt",
     "label": "Closes at",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "RoundStatus"
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
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfPurchasingSystem($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      uploadExpiresAt\n      uploadedAt\n      rejectedAt\n      status\n    }\n  }\n}\n",
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
