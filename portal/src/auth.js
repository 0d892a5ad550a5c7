// Sign-in: OAuth 2 authorization code with PKCE; the portal is a public client.
// Tokens live in sessionStorage (this tab only, gone when it closes), never in localStorage.

const CLIENT_ID = "provider-portal";
const TOKENS = "nwsend.portal.tokens";
const PENDING = "nwsend.portal.sign-in";

export class SignInError extends Error {}

export function redirectUri() {
  return `${location.origin}/portal/callback`;
}

function base64url(bytes) {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

/** Go to the sign-in page; the browser comes back to /portal/callback. */
export async function signIn(scopes, returnTo) {
  const verifier = randomText(48);
  const state = randomText(16);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: scopes.join(" "),
    state,
    code_challenge: base64url(digest),
    code_challenge_method: "S256",
  });
  location.assign(`/oauth/authorize?${query}`);
}

async function tokenRequest(fields) {
  const response = await fetch("/oauth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: CLIENT_ID, ...fields }),
  });
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, body };
}

function keep(body) {
  const expires = Date.now() + Math.max(0, (body.expires_in || 0) - 30) * 1000;
  sessionStorage.setItem(TOKENS, JSON.stringify({ access: body.access_token, refresh: body.refresh_token, expires }));
}

/** Finish signing in on the callback page; returns where to go next. */
export async function completeSignIn(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  if (params.get("error")) {
    throw new SignInError(params.get("error_description") || "Sign-in was cancelled or refused.");
  }
  if (!pending || !params.get("code") || params.get("state") !== pending.state) {
    throw new SignInError("This sign-in link has expired or was not started here.");
  }
  const { ok, body } = await tokenRequest({
    grant_type: "authorization_code",
    code: params.get("code"),
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  if (!ok) throw new SignInError(body.error_description || "Sign-in failed.");
  keep(body);
  return pending.returnTo || "/portal/";
}

function tokens() {
  return JSON.parse(sessionStorage.getItem(TOKENS) || "null");
}

export function signedIn() {
  return tokens() !== null;
}

/** Forget the tokens in this tab and revoke the refresh token at the server (RFC 7009), so no copy of it works. */
export async function signOut() {
  const held = tokens();
  sessionStorage.removeItem(TOKENS);
  sessionStorage.removeItem(PENDING);
  if (!held?.refresh) return;
  await fetch("/oauth/revoke", {
    method: "POST",
    keepalive: true,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: CLIENT_ID, token: held.refresh, token_type_hint: "refresh_token" }),
  }).catch(() => undefined); // signed out here whatever the answer; the token expires in any case
}

let refreshing = null;

/** A new access token from the refresh token (rotated on every use); null when that fails. */
export function refresh() {
  refreshing ??= (async () => {
    const held = tokens();
    if (!held?.refresh) return null;
    const { ok, body } = await tokenRequest({ grant_type: "refresh_token", refresh_token: held.refresh });
    if (!ok) {
      signOut();
      return null;
    }
    keep(body);
    return body.access_token;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** The access token to send, refreshed when it has expired. */
export async function accessToken() {
  const held = tokens();
  if (!held) return null;
  return Date.now() < held.expires ? held.access : refresh();
}
