// Posting GraphQL with the signed-in person's token.

import { accessToken, refresh } from "./auth.js";

export class NeedsSignIn extends Error {}

async function post(query, variables, token) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
}

/** The response body: ``{data, errors}``. Mutations report failures as data. */
export async function graphql(query, variables = {}) {
  let token = await accessToken();
  let response = await post(query, variables, token);
  if (response.status === 401 && token) {
    token = await refresh();
    if (token) response = await post(query, variables, token);
  }
  if (response.status === 401) throw new NeedsSignIn();
  const body = await response.json().catch(() => null);
  if (!body) throw new Error(`The API answered ${response.status} without a readable body.`);
  return body;
}

/** Data of a query that must succeed; errors become an exception with the API's words. */
export async function query(document, variables = {}) {
  const body = await graphql(document, variables);
  if (body.errors?.length && !body.data) throw new Error(body.errors.map((e) => e.message).join(" "));
  return body.data;
}
