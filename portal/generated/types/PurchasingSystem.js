// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "PurchasingSystem",
 "title": "Purchasing system",
 "description": "A flexible purchasing system, dynamic market or open framework run by a lead authority.",
 "document": "query PurchasingSystemPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on PurchasingSystem {\n      __typename\n      id\n      reference\n      title\n      status\n      description\n      leadAuthority {\n        __typename\n        id\n        name\n      }\n      termStart\n      termEnd\n      admissionMode\n      decisionPeriodDays\n      regime\n      activatedAt\n      closedAt\n      currentSpecification {\n        __typename\n        id\n        title\n        versionNumber\n        status\n        publishedAt\n        supersededAt\n        noticePeriodWeeks\n        version\n      }\n      memberAuthorities {\n        __typename\n        id\n        name\n        role\n        joinedOn\n      }\n      lots {\n        __typename\n        id\n        code\n        title\n        placementType\n        ageMin\n        ageMax\n        weeksPerYear\n        phaseEndAges\n      }\n      specifications {\n        __typename\n        id\n        title\n        versionNumber\n        status\n        publishedAt\n        supersededAt\n        noticePeriodWeeks\n        version\n      }\n      outcomeMeasures {\n        __typename\n        id\n        code\n        name\n        domain\n        retiredAt\n      }\n      reopeningDates\n      standstillWorkingDays\n      conditionsFixed\n      notices {\n        __typename\n        id\n        findATenderType\n        noticeType\n        status\n        publishedAt\n      }\n      version\n      upliftNoticeDays\n    }\n  }\n}\n",
 "view": [
  {
   "name": "status",
   "label": "Status",
   "list": false,
   "kind": "enum",
   "type": "SystemStatus"
  },
  {
   "name": "description",
   "label": "What it buys",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "leadAuthority",
   "label": "Run by",
   "list": false,
   "kind": "ref",
   "type": "Authority"
  },
  {
   "name": "termStart",
   "label": "Starts",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "termEnd",
   "label": "Ends",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "admissionMode",
   "label": "How providers join",
   "list": false,
   "kind": "enum",
   "type": "AdmissionMode"
  },
  {
   "name": "decisionPeriodDays",
   "label": "Days to decide an application",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  },
  {
   "name": "regime",
   "label": "Procurement rules",
   "list": false,
   "kind": "enum",
   "type": "Regime"
  },
  {
   "name": "activatedAt",
   "label": "Went live",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "closedAt",
   "label": "Closed",
   "list": false,
   "kind": "scalar",
   "type": "DateTime"
  },
  {
   "name": "currentSpecification",
   "label": "Current service specification",
   "list": false,
   "kind": "object",
   "type": "Specification",
   "link": true,
   "fields": [
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "versionNumber",
     "label": "Version",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "SpecificationStatus"
    },
    {
     "name": "publishedAt",
     "label": "Published",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "supersededAt",
     "label": "Replaced",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "noticePeriodWeeks",
     "label": "Notice period weeks",
     "list": false,
     "kind": "scalar",
     "type": "Int"
    }
   ]
  },
  {
   "name": "memberAuthorities",
   "label": "Councils buying through it",
   "list": true,
   "kind": "object",
   "type": "Authority",
   "link": true,
   "fields": [
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
     "name": "phaseEndAges",
     "label": "Phase end ages",
     "list": true,
     "kind": "scalar",
     "type": "Int"
    }
   ]
  },
  {
   "name": "specifications",
   "label": "Service specifications",
   "list": true,
   "kind": "object",
   "type": "Specification",
   "link": true,
   "fields": [
    {
     "name": "title",
     "label": "Title",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "versionNumber",
     "label": "Version",
     "list": false,
     "kind": "scalar",
     "type": "Int",
     "format": "plain"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "SpecificationStatus"
    },
    {
     "name": "publishedAt",
     "label": "Published",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "supersededAt",
     "label": "Replaced",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "noticePeriodWeeks",
     "label": "Notice period weeks",
     "list": false,
     "kind": "scalar",
     "type": "Int"
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
     "label": "Area",
     "list": false,
     "kind": "enum",
     "type": "OutcomeDomain"
    },
    {
     "name": "retiredAt",
     "label": "No longer used from",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "name": "reopeningDates",
   "label": "Dates it reopens to new members",
   "list": true,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "standstillWorkingDays",
   "label": "Working days of standstill before a contract is entered into",
   "list": false,
   "kind": "scalar",
   "type": "Int",
   "format": "plain"
  },
  {
   "name": "conditionsFixed",
   "label": "Lots and specification fixed",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "notices",
   "label": "Notices published",
   "list": true,
   "kind": "object",
   "type": "ProcurementNotice",
   "link": true,
   "fields": [
    {
     "name": "findATenderType",
     "label": "Find a Tender notice type",
     "list": false,
     "kind": "scalar",
     "type": "String"
    },
    {
     "name": "noticeType",
     "label": "Notice",
     "list": false,
     "kind": "enum",
     "type": "NoticeType"
    },
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "NoticeStatus"
    },
    {
     "name": "publishedAt",
     "label": "Published",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ],
   "hint": "What Find a Tender is told about this purchasing system."
  },
  {
   "name": "upliftNoticeDays",
   "label": "Uplift notice days",
   "list": false,
   "kind": "scalar",
   "type": "Int"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Application rounds",
   "query": "applicationRounds",
   "type": "ApplicationRound",
   "document": "query ApplicationRoundsOfPurchasingSystem($id: ID!) {\n  list: applicationRounds(first: 20, filter: {system: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      number\n      status\n      opensAt\n      clarificationDeadline\n      closesAt\n    }\n  }\n}\n",
   "columns": [
    {
     "name": "status",
     "label": "Status",
     "list": false,
     "kind": "enum",
     "type": "RoundStatus"
    },
    {
     "name": "opensAt",
     "label": "Opens",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "clarificationDeadline",
     "label": "Deadline for questions",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    },
    {
     "name": "closesAt",
     "label": "Closes",
     "list": false,
     "kind": "scalar",
     "type": "DateTime"
    }
   ]
  },
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfPurchasingSystem($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
