// The portal's shell: navigation, sign-in and sign-out, the layout of each page, and routing.
// Which lists, records and forms exist comes from the generated manifest, and which of them each
// role is for: a provider's staff get the provider portal, an integrated care board's people their
// funding to agree, each with the service's name and home page journeys.yaml gives their role.

import manifest from "/portal/generated/manifest.js";
import { ErrorSummary, ServiceNavigation, initAll } from "/portal/govuk/govuk-frontend.min.js";
import * as auth from "./auth.js";
import { forgetDrafts, formPage, presentation, validChoices } from "./forms.js";
import { NeedsSignIn, query } from "./graphql.js";
import { inboxPage, messagesLinkHtml, preferencesPage, unreadCount } from "./inbox.js";
import { loadRecord, recordHtml } from "./records.js";
import { esc, label, recordPath, table } from "./render.js";
import { attentionHtml, forRoles, offeredNow, recordActionsHtml, taskListHtml, valueAt } from "./journeys.js";

const ORGANISATION = "North West SEND Flexible Purchasing System";
const VIEWER = "query Viewer { viewer { subject roles provider { __typename id legalName } } }";
const main = document.getElementById("main-content");
const lists = Object.fromEntries(manifest.lists.map((entry) => [entry.name, entry]));
const arrangement = manifest.journeys;
const homes = arrangement.roles ?? {}; // per role: its service's name, sign-in words and home page
let viewer = null;
let audience = null; // the role the pages are worded for: the signed-in person's, or the one a page is for
let unread = null; // how many of the person's messages are unread, shown in the header
let flashMessage = null;
let firstPage = true;

document.body.classList.add("js-enabled", "govuk-frontend-supported");

function initGovuk(scope) {
  initAll({ scope });
}

/** The portal's roles the signed-in person has, in the manifest's order. */
function portalRoles(me = viewer) {
  return manifest.roles.filter((role) => me?.roles?.includes(role));
}

/** The service's name for the people the pages are for: "Provider portal" until someone else signs in. */
function serviceName() {
  return homes[audience ?? manifest.roles[0]]?.service ?? "Provider portal";
}

/** Whether a list, form or record type is for the signed-in person's roles. */
function isForMe(roles) {
  return forRoles({ roles }, viewer);
}

const shell = {
  main,
  previous: null, // the path shown before this one

  initGovuk,
  /** Start GOV.UK's error summary on a summary just added: it takes focus, and its links focus their fields. */
  errorSummary(element) {
    new ErrorSummary(element);
  },
  /** Show a page: its HTML, its title, the pending success message, and focus on its heading. */
  render(html, { title }) {
    const banner = flashMessage
      ? '<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" ' +
        'aria-labelledby="flash-title" data-module="govuk-notification-banner">' +
        '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="flash-title">Success</h2></div>' +
        `<div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${esc(flashMessage)}</p></div></div>`
      : "";
    const flashed = Boolean(flashMessage);
    flashMessage = null;
    main.innerHTML = banner + html;
    const service = serviceName();
    document.title = title === service ? `${service} – ${ORGANISATION}` : `${title} – ${service} – ${ORGANISATION}`;
    initGovuk(main);
    if (!flashed && !firstPage) {
      const heading = main.querySelector("h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    firstPage = false;
  },
  markError() {
    if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  },
  flash(message) {
    flashMessage = message;
  },
  onPath(path) {
    return location.pathname + location.search === path;
  },
  async navigate(path, { replace = false, focus = null } = {}) {
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    await route();
    if (focus) document.getElementById(focus)?.focus();
  },
  notFound() {
    shell.render(
      '<h1 class="govuk-heading-l">Page not found</h1><p class="govuk-body">If you typed the web address, check it is correct.</p>' +
        '<p class="govuk-body">If you followed a link, the record may have been removed, or you may not be allowed to see it. ' +
        '<a class="govuk-link" href="/portal/">Go to the start</a>.</p>',
      { title: "Page not found" },
    );
  },
};

// -- navigation -----------------------------------------------------------------------------

function navigation() {
  const items = [];
  const name = document.querySelector(".govuk-service-navigation__service-name a");
  if (name) name.textContent = serviceName();
  if (auth.signedIn()) {
    items.push(["/portal/", "Home"]);
    // each role's own links, once the person's roles are known
    for (const entry of arrangement.navigation.filter((e) => viewer && forRoles(e, viewer))) {
      if (entry.list === "messages") items.push(["/portal/messages", entry.title, messagesLinkHtml(unread)]);
      else items.push([`/portal/${entry.list}`, entry.title]);
    }
    items.push(["/portal/sign-out", "Sign out"]);
  } else {
    items.push(["/portal/", "Sign in"]);
  }
  const here = location.pathname;
  document.getElementById("navigation").innerHTML = items
    .map(([href, text, html]) => {
      const current = href === here || (href !== "/portal/" && here.startsWith(`${href}/`));
      const shown = html ?? esc(text);
      const inner = current ? `<strong class="govuk-service-navigation__active-fallback">${shown}</strong>` : shown;
      return (
        `<li class="govuk-service-navigation__item${current ? " govuk-service-navigation__item--active" : ""}">` +
        `<a class="govuk-service-navigation__link" href="${href}"${current ? ' aria-current="page"' : ""}>${inner}</a></li>`
      );
    })
    .join("");
}

/** Show ``count`` unread messages in the header; with no count given, ask the API. */
async function refreshCount(count) {
  unread = count === undefined ? await unreadCount() : count;
  if (auth.signedIn()) navigation();
}

document.addEventListener("click", (event) => {
  const anchor = event.target.closest("a[href]");
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/portal/") || anchor.target) return;
  event.preventDefault();
  shell.navigate(url.pathname + url.search);
});

window.addEventListener("popstate", () => route());

// -- pages --------------------------------------------------------------------------------------

function signInButton(text = "Sign in") {
  return `<button type="button" class="govuk-button govuk-button--start" data-module="govuk-button" data-sign-in>${esc(text)}` +
    '<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg></button>';
}

function wireSignIn(returnTo) {
  main.querySelector("[data-sign-in]")?.addEventListener("click", () => auth.signIn(manifest.scopes, returnTo));
}

/** The roles a page is for, by its address: a list's, a form's, or those who may read a type of record. */
function rolesOfPath(parts) {
  if (parts.length === 1 && lists[parts[0]]) return lists[parts[0]].roles;
  if (parts[0] === "do" && parts[1]) return manifest.formRoles?.[parts[1]];
  if (manifest.records.includes(parts[0])) {
    const form = parts[2] && (arrangement.journeys[parts[2]]?.operation ?? parts[2]);
    return (form && manifest.formRoles?.[form]) || manifest.recordRoles?.[parts[0]];
  }
  return null;
}

function signInPage(reason) {
  // worded for the people the page is for, when they are of one role (an integrated care board's funding)
  const parts = location.pathname.replace(/^\/portal\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const roles = rolesOfPath(parts) ?? [];
  audience = roles.length === 1 ? roles[0] : null;
  navigation();
  const words = homes[audience ?? manifest.roles[0]] ?? {};
  shell.render(
    `<h1 class="govuk-heading-l">${esc(words.signIn ?? "Sign in to the provider portal")}</h1>` +
      (reason ? `<div class="govuk-inset-text">${esc(reason)}</div>` : "") +
      (audience && words.about ? `<p class="govuk-body">${esc(words.about)}</p>` : "") +
      '<p class="govuk-body">You need to sign in with the account your organisation was given to see this page.</p>' +
      signInButton(),
    { title: "Sign in" },
  );
  wireSignIn(location.pathname + location.search);
}

async function ensureViewer() {
  if (!viewer) {
    viewer = (await query(VIEWER)).viewer;
    audience = portalRoles(viewer)[0] ?? null;
    navigation(); // the links of the person's roles, and their service's name
  }
  return viewer;
}

/** What needs the attention of a role whose home lists records of a list (funding waiting for your agreement). */
async function listAttentionHtml(spec) {
  const page = (await import(`/portal/generated/lists/${spec.list}.js`)).default;
  const { list } = await query(page.document, { before: null, filter: spec.filter });
  const nodes = [...list.nodes].reverse(); // newest first
  const heading = `<h3 class="govuk-heading-m">${esc(spec.title)} (${list.totalCount.toLocaleString("en-GB")})</h3>`;
  const shown = nodes.length
    ? table({ kind: "object", list: true, link: true, type: page.type, fields: page.columns }, nodes, spec.title, "govuk-visually-hidden")
    : `<p class="govuk-body">${esc(spec.none ?? "There are none to show.")}</p>`;
  const more =
    list.totalCount > nodes.length
      ? `<p class="govuk-body"><a class="govuk-link" href="/portal/${esc(spec.list)}?${esc(new URLSearchParams(spec.filter))}">See all ${list.totalCount.toLocaleString("en-GB")}</a></p>`
      : "";
  const messages = unread
    ? `<p class="govuk-body"><a class="govuk-link" href="/portal/messages">You have ${unread} unread message${unread === 1 ? "" : "s"}</a></p>`
    : "";
  return `<h2 class="govuk-heading-l">What needs your attention</h2>${heading}${shown}${more}${messages}`;
}

/** Where a link of the navigation or the home page leads: a list (kept to some records), a form, your own record. */
function linkHref(entry, me) {
  if (entry.viewer) return me[entry.viewer] ? recordPath(me[entry.viewer]) : null;
  if (entry.operation) return manifest.forms.includes(entry.operation) ? `/portal/do/${entry.operation}` : null;
  if (!lists[entry.list]) return null;
  return entry.filter ? `/portal/${entry.list}?${new URLSearchParams(entry.filter)}` : `/portal/${entry.list}`;
}

async function home() {
  if (!auth.signedIn()) {
    audience = null; // the portal's front page: the provider portal's
    navigation();
    shell.render(
      '<h1 class="govuk-heading-xl">Provider portal</h1>' +
        '<p class="govuk-body-l">For special schools and colleges on the North West SEND Flexible Purchasing System.</p>' +
        '<p class="govuk-body">Use this service to:</p><ul class="govuk-list govuk-list--bullet">' +
        "<li>see open application rounds, their lots and clarification answers</li>" +
        "<li>prepare and submit a bid, and see how it was evaluated</li>" +
        "<li>see referrals you are invited to and make or withdraw offers</li>" +
        "<li>see your placements, their fees and outcome reports</li></ul>" +
        signInButton("Sign in"),
      { title: "Provider portal" },
    );
    wireSignIn("/portal/");
    return;
  }
  const me = await ensureViewer();
  const organisation = me.provider
    ? `<p class="govuk-body">Signed in as <strong>${esc(me.subject)}</strong> for <a class="govuk-link" href="${esc(recordPath(me.provider))}">${esc(label(me.provider))}</a>.</p>`
    : `<p class="govuk-body">Signed in as <strong>${esc(me.subject)}</strong>.</p>`;
  const role = portalRoles(me)[0];
  const warning = role
    ? ""
    : '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span>' +
      '<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>' +
      "This portal is for provider staff, the people of NHS integrated care boards and councils' finance teams. " +
      "Your account may not be allowed to do what it offers.</strong></div>";
  // what needs attention first: a provider's from `viewer.attention`, or the records of a list (funding to agree)
  const first = homes[role]?.attention;
  let attention = "";
  if (first === "viewer" && arrangement.attention) attention = attentionHtml((await query(arrangement.attention)).viewer.attention, unread);
  else if (first?.list) attention = await listAttentionHtml(first);
  const services = arrangement.services
    .filter((entry) => forRoles(entry, me))
    .map((entry) => ({ ...entry, href: linkHref(entry, me) }))
    .filter((entry) => entry.href);
  shell.render(
    '<h1 class="govuk-heading-xl">Home</h1>' + warning + organisation +
      attention +
      (services.length
        ? '<h2 class="govuk-heading-m">Your services</h2><ul class="govuk-list app-actions">' +
          services.map((e) => `<li><a class="govuk-link govuk-!-font-weight-bold" href="${esc(e.href)}">${esc(e.title)}</a><br><span class="govuk-hint">${esc(e.hint || "")}</span></li>`).join("") +
          "</ul>"
        : ""),
    { title: "Home" },
  );
}

function filterForm(entry, page, params, fixed = {}) {
  if (!page.filters?.length) return "";
  const groups = page.filters.map((f) => {
    const chosen = params.get(f.name) || "";
    const options = Object.entries(manifest.enums[f.type] || {})
      .map(([value, text]) => `<option value="${esc(value)}"${value === chosen ? " selected" : ""}>${esc(text)}</option>`)
      .join("");
    return (
      `<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="filter-${esc(f.name)}">${esc(f.label)}</label>` +
      `<select class="govuk-select" id="filter-${esc(f.name)}" name="${esc(f.name)}"><option value="">Any</option>${options}</select></div>`
    );
  });
  // a filter the page always applies (funding waiting for your agreement) goes with the others
  const kept = Object.entries(fixed).map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`);
  return (
    `<form class="app-filters" method="get" action="/portal/${esc(entry.name)}" data-filters>${kept.join("")}` +
    `<h2 class="govuk-heading-s">Filter ${esc(page.title.toLowerCase())}</h2>${groups.join("")}` +
    '<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filter</button></form>'
  );
}

async function listPage(entry) {
  const generated = (await import(`/portal/generated/lists/${entry.name}.js`)).default;
  const params = new URLSearchParams(location.search);
  // the link that leads here, for the person's roles: one that keeps the list to some records (funding waiting
  // for your agreement) when the address says so, or else the first
  const first = homes[portalRoles()[0]]?.attention; // a home page's list, when it is this one ("See all")
  const links = [...arrangement.navigation, ...arrangement.services, ...(first?.list ? [first] : [])].filter(
    (e) => e.list === entry.name && forRoles(e, viewer),
  );
  const fixedOf = (e) => Object.entries(e.filter ?? {});
  const named =
    links.find((e) => fixedOf(e).length && fixedOf(e).every(([k, v]) => params.get(k) === String(v))) ??
    links.find((e) => !fixedOf(e).length);
  const fixed = Object.fromEntries(fixedOf(named ?? {}));
  const page = { ...generated, title: named?.title ?? generated.title };
  const before = params.get("before");
  const filter = Object.fromEntries((page.filters || []).filter((f) => params.get(f.name)).map((f) => [f.name, params.get(f.name)]));
  const own = named?.own ? { [named.own]: (await ensureViewer()).provider?.id ?? "" } : {}; // your own records only
  const variables =
    page.filters?.length || named?.own || named?.filter ? { before, filter: { ...filter, ...own, ...fixed } } : { before };
  const { list } = await query(page.document, variables);
  const nodes = [...list.nodes].reverse(); // newest first
  const spec = { kind: "object", list: true, link: true, type: page.type, fields: page.columns };
  const shown = nodes.length
    ? table(spec, nodes, page.title, "govuk-visually-hidden")
    : '<p class="govuk-body">There are none to show.</p>';
  const count = `<p class="govuk-body">${list.totalCount.toLocaleString("en-GB")} in total, newest first.</p>`;
  const kept = new URLSearchParams([...Object.entries(fixed).map(([k, v]) => [k, String(v)]), ...Object.entries(filter)]);
  const pager = [];
  if (before) pager.push(`<a class="govuk-link" href="/portal/${esc(entry.name)}?${esc(kept)}">Newest</a>`);
  if (list.pageInfo.hasPreviousPage) {
    kept.set("before", list.pageInfo.startCursor);
    pager.push(`<a class="govuk-link" rel="next" href="/portal/${esc(entry.name)}?${esc(kept)}">Older<span class="govuk-visually-hidden"> ${esc(page.title.toLowerCase())}</span></a>`);
  }
  const nav = pager.length ? `<nav class="govuk-pagination" aria-label="Pages of ${esc(page.title.toLowerCase())}"><p class="govuk-body">${pager.join(" · ")}</p></nav>` : "";
  shell.render(
    `<h1 class="govuk-heading-l">${esc(page.title)}</h1>` +
      filterForm(entry, page, params, fixed) + count + shown + nav,
    { title: page.title },
  );
  main.querySelector("[data-filters]")?.addEventListener("submit", (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams([...new FormData(event.target)].filter(([, value]) => value));
    shell.navigate(`/portal/${entry.name}${chosen.size ? `?${chosen}` : ""}`);
  });
}

async function recordPage(type, id) {
  const stateDocument = arrangement.stateDocuments[type];
  const [loaded, state] = await Promise.all([
    loadRecord(type, id),
    stateDocument ? query(stateDocument, { id }).then((d) => d.record) : null,
  ]);
  const { page, found } = loaded;
  if (!found) return shell.notFound();
  const tasks = taskListHtml(type, found, state, loaded.related);
  // an action whose question can have no valid answer (no establishment can take an offer) says why instead
  const blocked = {};
  const me = await ensureViewer();
  for (const action of (arrangement.actions[type] ?? []).filter((a) => offeredNow(a, state, me))) {
    const acted = action.via ? valueAt(state, action.via)?.id : id; // the record the form acts on
    for (const spec of Object.values(presentation(action.operation).choices ?? {}).filter((c) => c.none)) {
      if (acted && !(await validChoices(spec, acted)).length) blocked[action.operation] = spec.none;
    }
  }
  shell.render(
    `<span class="govuk-caption-l">${esc(page.title)}</span><h1 class="govuk-heading-l">${esc(label(found))}</h1>` +
      tasks + recordActionsHtml(type, found, state, me, page.actions, Boolean(tasks), blocked) + recordHtml(loaded),
    { title: label(found) },
  );
}

async function callback() {
  try {
    const next = await auth.completeSignIn(new URLSearchParams(location.search));
    viewer = null;
    unread = null;
    history.replaceState(null, "", next);
    return route();
  } catch (error) {
    history.replaceState(null, "", "/portal/callback");
    shell.render(
      `<h1 class="govuk-heading-l">Sign-in did not work</h1><p class="govuk-body">${esc(error.message)}</p>${signInButton("Sign in again")}`,
      { title: "Sign-in did not work" },
    );
    wireSignIn("/portal/");
  }
}

async function signOut() {
  await auth.signOut();
  viewer = null; // the pages stay worded for the person's role (`audience`) until someone signs in again
  unread = null;
  forgetDrafts();
  history.replaceState(null, "", "/portal/signed-out");
  return route();
}

function signedOut() {
  const again = !audience || audience === manifest.roles[0] ? "the provider portal" : "this service";
  shell.render(
    '<h1 class="govuk-heading-l">You have signed out</h1>' +
      `<p class="govuk-body">Your session in this tab has ended. To use ${again} again, sign in.</p>` +
      signInButton(),
    { title: "You have signed out" },
  );
  wireSignIn("/portal/");
}

// -- routing -----------------------------------------------------------------------------------

/**
 * A form or a journey by its name in the address, on its step ("check", "done" or a page's slug), for the
 * roles it is for. On a record of ``type`` that offers it for each item of a list (a split's contributions),
 * it acts on the item the address names.
 */
function formRoute(name, contextId, base, step, record, type = null) {
  const journey = arrangement.journeys[name] ?? null;
  const operation = journey ? journey.operation : name;
  if (!manifest.forms.includes(operation) || !isForMe(manifest.formRoles?.[operation])) return null;
  const action = type ? (arrangement.actions[type] ?? []).find((a) => a.for && (a.journey ?? a.operation) === name) : null;
  const within = action ? { type, id: contextId, action } : null;
  const paths = { form: base, check: `${base}/check`, record };
  return formPage(shell, { operation, contextId, step, paths, journey, within });
}

let currentPath = null;

async function route() {
  shell.previous = currentPath;
  currentPath = location.pathname;
  const parts = location.pathname.replace(/^\/portal\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  navigation();
  if (auth.signedIn() && parts[0] !== "callback" && parts[0] !== "sign-out") refreshCount();
  try {
    if (parts[0] === "callback") return await callback();
    if (parts[0] === "sign-out") return signOut();
    if (parts[0] === "signed-out") return signedOut();
    if (!parts.length) return await home();
    if (!auth.signedIn()) return signInPage();
    await ensureViewer();
    if (parts.length === 1 && parts[0] === "messages") return await inboxPage(shell, { refreshCount });
    if (parts.length === 2 && parts[0] === "messages" && parts[1] === "preferences") return await preferencesPage(shell);
    if (parts.length === 1 && lists[parts[0]]) {
      if (!isForMe(lists[parts[0]].roles)) return shell.notFound(); // another role's list
      return await listPage(lists[parts[0]]);
    }
    if (parts[0] === "do" && parts.length <= 3) {
      const page = formRoute(parts[1], null, `/portal/do/${parts[1]}`, parts[2], "/portal/");
      if (page) return await page;
    }
    if (manifest.records.includes(parts[0]) && parts[1]) {
      if (parts.length === 2) return await recordPage(parts[0], parts[1]);
      const record = `/portal/${parts[0]}/${encodeURIComponent(parts[1])}`;
      const page = parts.length <= 4 && formRoute(parts[2], parts[1], `${record}/${parts[2]}`, parts[3], record, parts[0]);
      if (page) return await page;
    }
    shell.notFound();
  } catch (error) {
    if (error instanceof NeedsSignIn) {
      auth.signOut();
      viewer = null;
      navigation();
      return signInPage("Your session has ended. Sign in again to carry on.");
    }
    console.error(error);
    shell.render(
      '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' +
        `<p class="govuk-body">${esc(error.message)}</p><p class="govuk-body">Try again later.</p>`,
      { title: "Sorry, there is a problem with the service" },
    );
  }
}

navigation();
new ServiceNavigation(document.querySelector(".govuk-service-navigation")); // the menu toggle on narrow screens
route();
