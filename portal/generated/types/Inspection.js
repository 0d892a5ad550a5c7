// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "type": "Inspection",
 "title": "Inspection",
 "description": "One inspection of an establishment, in the framework it was made under, as the lead authority recorded it.",
 "document": "query InspectionPage($id: ID!) {\n  record: node(id: $id) {\n    __typename\n    id\n    ... on Inspection {\n      __typename\n      id\n      inspectedOn\n      inspectorate\n      framework\n      publishedOn\n      reportUrl\n      overallGrade\n      safeguardingMet\n      standardsMet\n      judgements {\n        area\n        grade\n      }\n      concern\n    }\n  }\n}\n",
 "view": [
  {
   "name": "inspectorate",
   "label": "Inspected by",
   "list": false,
   "kind": "enum",
   "type": "Inspectorate"
  },
  {
   "name": "framework",
   "label": "Type of inspection",
   "list": false,
   "kind": "enum",
   "type": "InspectionFramework"
  },
  {
   "name": "publishedOn",
   "label": "Report published",
   "list": false,
   "kind": "scalar",
   "type": "Date"
  },
  {
   "name": "reportUrl",
   "label": "Report",
   "list": false,
   "kind": "scalar",
   "type": "String"
  },
  {
   "name": "overallGrade",
   "label": "Overall grade",
   "list": false,
   "kind": "enum",
   "type": "OfstedGrade"
  },
  {
   "name": "safeguardingMet",
   "label": "Safeguarding met",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "standardsMet",
   "label": "Standards met",
   "list": false,
   "kind": "scalar",
   "type": "Boolean"
  },
  {
   "name": "judgements",
   "label": "Grades by area",
   "list": true,
   "kind": "object",
   "type": "InspectionJudgement",
   "fields": [
    {
     "name": "area",
     "label": "Area",
     "list": false,
     "kind": "enum",
     "type": "ReportCardArea"
    },
    {
     "name": "grade",
     "label": "Grade",
     "list": false,
     "kind": "enum",
     "type": "ReportCardGrade"
    }
   ]
  },
  {
   "name": "concern",
   "label": "Cause for concern",
   "list": false,
   "kind": "scalar",
   "type": "String"
  }
 ],
 "actions": [],
 "related": [
  {
   "title": "Documents",
   "query": "documents",
   "type": "Document",
   "document": "query DocumentsOfInspection($id: ID!) {\n  list: documents(first: 20, filter: {owner: $id}) {\n    totalCount\n    nodes {\n      __typename\n      id\n      fileName\n      documentType\n      status\n      uploadedAt\n      owner {\n        __typename\n        id\n      }\n      previousVersion {\n        __typename\n        id\n        fileName\n      }\n    }\n  }\n}\n",
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
