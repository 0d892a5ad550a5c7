// The signed-in person's messages: the count in the header, and the messages page.
// Hand-written: the messages are the viewer's own (`viewer { notifications }`), not a list of records.

import { graphql, query } from "./graphql.js";
import { enumLabel, esc, formatDateTime } from "./render.js";

const PAGE_SIZE = 20;
const COUNT = "query UnreadMessages { viewer { unreadNotificationCount } }";
const MESSAGES = `query Messages($first: Int, $after: String) {
  viewer {
    unreadNotificationCount
    notifications(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id subject body link createdAt read emailStatus }
    }
  }
}`;
const MARK = `mutation MarkMessagesRead($input: MarkNotificationsReadInput!) {
  result: markNotificationsRead(input: $input) {
    __typename
    ... on MarkNotificationsReadPayload { marked unreadCount }
    ... on MutationError { message }
  }
}`;
const PREFERENCES = "query MessagePreferences { viewer { notificationPreferences { kind description optional muted } } }";
const SET_PREFERENCES = `mutation SetMessagePreferences($input: SetNotificationPreferencesInput!) {
  result: setNotificationPreferences(input: $input) {
    __typename
    ... on MutationError { message field }
  }
}`;
const EMAIL = {
  SENT: "Also sent to you by e-mail.",
  PENDING: "The e-mail of this message is on its way.",
  FAILED: "The e-mail of this message could not be delivered.",
  SKIPPED: "Not sent by e-mail.",
};

/** How many of the person's messages are unread; null when it cannot be told (never an error). */
export async function unreadCount() {
  try {
    const body = await graphql(COUNT);
    return body.data?.viewer?.unreadNotificationCount ?? null;
  } catch {
    return null;
  }
}

/** The header link's inner HTML: "Messages", with the unread count as a tag. */
export function messagesLinkHtml(count) {
  if (!count) return "Messages";
  return `Messages <strong class="govuk-tag govuk-tag--red app-count">${esc(count)}<span class="govuk-visually-hidden"> unread</span></strong>`;
}

async function mark(input) {
  const body = await graphql(MARK, { input });
  const result = body.data?.result;
  if (!result || result.__typename !== "MarkNotificationsReadPayload") {
    throw new Error(result?.message || body.errors?.map((e) => e.message).join(" ") || "The message could not be marked read.");
  }
  return result;
}

function messageHtml(message, index) {
  const status = message.read
    ? '<strong class="govuk-tag govuk-tag--grey">Read</strong>'
    : '<strong class="govuk-tag govuk-tag--blue">Unread</strong>';
  const subject = message.link
    ? `<a class="govuk-link" href="${esc(message.link)}" data-open="${esc(message.id)}">${esc(message.subject)}</a>`
    : esc(message.subject);
  return (
    `<li class="app-message${message.read ? "" : " app-message--unread"}">` +
    `<h2 class="govuk-heading-s app-message__subject">${subject}</h2>` +
    `<p class="govuk-body-s app-message__meta">${status} <span>${esc(formatDateTime(message.createdAt))}</span>` +
    ` <span class="govuk-hint app-message__email">${esc(EMAIL[message.emailStatus] || "")}</span></p>` +
    `<details class="govuk-details" data-module="govuk-details" data-read="${esc(message.id)}">` +
    `<summary class="govuk-details__summary"><span class="govuk-details__summary-text">Read the message<span class="govuk-visually-hidden"> ${index + 1}: ${esc(message.subject)}</span></span></summary>` +
    `<div class="govuk-details__text app-pre">${esc(message.body)}</div></details></li>`
  );
}

function summaryHtml(unread) {
  return unread
    ? `<p class="govuk-body">You have <strong>${esc(unread)}</strong> unread ${unread === 1 ? "message" : "messages"}.</p>` +
      '<button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-mark-all>Mark all as read</button>'
    : '<p class="govuk-body">You have no unread messages.</p>';
}

/** The messages page: unread first, then newest; opening one marks it read, or mark them all at once. */
export async function inboxPage(shell, { refreshCount }) {
  const params = new URLSearchParams(location.search);
  const after = params.get("after");
  const { viewer } = await query(MESSAGES, { first: PAGE_SIZE, after });
  const list = viewer.notifications;
  const unread = viewer.unreadNotificationCount;
  const summary = `<div data-summary>${summaryHtml(unread)}</div>`;
  const shown = list.nodes.length
    ? `<ul class="govuk-list app-messages">${list.nodes.map(messageHtml).join("")}</ul>`
    : '<p class="govuk-body">There are no messages to show.</p>';
  const pager = [];
  if (after) pager.push('<a class="govuk-link" href="/portal/messages">First page</a>');
  if (list.pageInfo.hasNextPage) {
    pager.push(`<a class="govuk-link" rel="next" href="/portal/messages?after=${esc(encodeURIComponent(list.pageInfo.endCursor))}">Next page<span class="govuk-visually-hidden"> of messages</span></a>`);
  }
  const nav = pager.length ? `<nav class="govuk-pagination" aria-label="Pages of messages"><p class="govuk-body">${pager.join(" · ")}</p></nav>` : "";
  shell.render(
    '<h1 class="govuk-heading-l">Messages</h1>' +
      '<p class="govuk-body">What the purchasing system has told you, newest first, with unread messages at the top. ' +
      "The same messages are e-mailed to you when your address is confirmed.</p>" +
      summary + shown + nav +
      '<p class="govuk-body"><a class="govuk-link" href="/portal/messages/preferences">Choose which reminders are e-mailed to you</a></p>',
    { title: "Messages" },
  );
  const main = shell.main;
  const wireMarkAll = () =>
    main.querySelector("[data-mark-all]")?.addEventListener("click", async () => {
      await mark({ all: true });
      shell.flash("All your messages are marked as read.");
      await shell.navigate("/portal/messages", { replace: true });
    });
  wireMarkAll();
  for (const link of main.querySelectorAll("a[data-open]")) {
    link.addEventListener("click", async (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      await mark({ ids: [link.dataset.open] });
      await shell.navigate(link.getAttribute("href"));
    });
  }
  for (const details of main.querySelectorAll("details[data-read]")) {
    details.addEventListener("toggle", async () => {
      const item = details.closest(".app-message");
      if (!details.open || !item.classList.contains("app-message--unread")) return;
      item.classList.remove("app-message--unread");
      const { unreadCount } = await mark({ ids: [details.dataset.read] });
      const tag = item.querySelector(".govuk-tag");
      tag.className = "govuk-tag govuk-tag--grey";
      tag.textContent = "Read";
      main.querySelector("[data-summary]").innerHTML = summaryHtml(unreadCount);
      wireMarkAll();
      refreshCount(unreadCount);
    });
  }
}

/** Which reminders are e-mailed: the optional kinds only; those the procedure requires always are. */
export async function preferencesPage(shell) {
  const { viewer } = await query(PREFERENCES);
  const optional = viewer.notificationPreferences.filter((p) => p.optional);
  const boxes = optional
    .map((p, i) => {
      const id = `reminder-${i + 1}`;
      const name = enumLabel("NotificationKind", p.kind);
      const hinted = p.description.replace(/\.$/, "") !== name;
      return (
        '<div class="govuk-checkboxes__item">' +
        `<input class="govuk-checkboxes__input" id="${id}" name="emailed" type="checkbox" value="${esc(p.kind)}"${p.muted ? "" : " checked"}${hinted ? ` aria-describedby="${id}-hint"` : ""}>` +
        `<label class="govuk-label govuk-checkboxes__label" for="${id}">${esc(name)}</label>` +
        (hinted ? `<div id="${id}-hint" class="govuk-hint govuk-checkboxes__hint">${esc(p.description)}</div>` : "") +
        "</div>"
      );
    })
    .join("");
  shell.render(
    '<h1 class="govuk-heading-l">Choose which reminders are e-mailed to you</h1>' +
      '<p class="govuk-body">Messages the procedure requires, such as invitations to offer, decisions and awards, ' +
      "are always e-mailed. You can turn reminders off. Every message, e-mailed or not, is still in your messages.</p>" +
      '<form novalidate data-preferences><div class="govuk-form-group" data-group="input.muted"><fieldset class="govuk-fieldset">' +
      '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">E-mail me these reminders</legend>' +
      `<div class="govuk-checkboxes" data-module="govuk-checkboxes">${boxes}</div></fieldset></div>` +
      '<div class="govuk-button-group"><button type="submit" class="govuk-button" data-module="govuk-button">Save</button>' +
      '<a class="govuk-link" href="/portal/messages">Back to your messages</a></div></form>',
    { title: "Choose which reminders are e-mailed to you" },
  );
  shell.main.querySelector("[data-preferences]").addEventListener("submit", async (event) => {
    event.preventDefault();
    const emailed = new Set(new FormData(event.target).getAll("emailed"));
    const muted = optional.map((p) => p.kind).filter((kind) => !emailed.has(kind));
    const body = await graphql(SET_PREFERENCES, { input: { muted } });
    const result = body.data?.result;
    if (result?.__typename !== "SetNotificationPreferencesPayload") {
      throw new Error(result?.message || body.errors?.map((e) => e.message).join(" ") || "Your choices could not be saved.");
    }
    shell.flash("Your choices of reminders are saved.");
    await shell.navigate("/portal/messages");
  });
}
