// Generated from schema.graphql by `python -m portal.generator`. Do not edit: regenerate.
export default {
 "name": "annualReviews",
 "title": "Annual reviews",
 "description": "The yearly reviews of the education, health and care plans of children placed with you: when each is due, the meeting date the council has set, and when your report is due.",
 "type": "AnnualReview",
 "public": false,
 "nav": true,
 "document": "query AnnualReviewsList($before: String, $filter: AnnualReviewFilter) {\n  list: annualReviews(last: 20, before: $before, filter: $filter) {\n    totalCount\n    pageInfo {\n      hasPreviousPage\n      startCursor\n    }\n    nodes {\n      __typename\n      id\n      callOff {\n        reference\n      }\n      status\n      dueOn\n      meetingOn\n      reportDueOn\n    }\n  }\n}\n",
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
 ],
 "filters": [
  {
   "name": "status",
   "label": "Status",
   "type": "AnnualReviewStatus",
   "hint": "Only reviews at this stage."
  }
 ]
};
