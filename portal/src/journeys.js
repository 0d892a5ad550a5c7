// The work as journeys.yaml arranges it: what needs a provider's attention on the home page, the
// actions a record offers in its present state (to the roles they are for), and the task list of a
// multi-part application.

import manifest from "/portal/generated/manifest.js";
import { presentation } from "./forms.js";
import { enumLabel, esc, formatDateTime, label, recordPath } from "./render.js";

const arrangement = manifest.journeys;

/** Whether a record's fields have the values a `when` condition allows; across a list, whether any item has. */
export function holds(when, state) {
  return Object.entries(when || {}).every(([path, values]) => leafValues(state, path.split(".")).some((v) => values.includes(v)));
}

/** Whether a link or action is for one of the signed-in person's roles (it is for everyone when it says none). */
export function forRoles(entry, me) {
  return !entry.roles || entry.roles.some((role) => me?.roles?.includes(role));
}

/** The items of a record's list an action is offered for (``for``: a split's contributions that are yours to agree). */
export function itemsFor(action, state) {
  return (valueAt(state, action.for) || []).filter((item) => holds(action.where, item));
}

/**
 * An action is offered to the roles it is for, when its `when` holds and its `unless` does not; for an
 * action on records of the provider's `own`, when the record is the signed-in provider's; and for an
 * action on each item of a list, when some item is one it is for.
 */
export function offeredNow(action, state, me) {
  if (!forRoles(action, me)) return false;
  if (action.own && valueAt(state, action.own)?.id !== me?.provider?.id) return false;
  if (action.for && !itemsFor(action, state).length) return false;
  return holds(action.when, state) && !(Object.keys(action.unless || {}).length && holds(action.unless, state));
}

function leafValues(value, steps) {
  if (Array.isArray(value)) return value.flatMap((item) => leafValues(item, steps));
  if (!steps.length) return [value ?? null];
  return value == null ? [] : leafValues(value[steps[0]], steps.slice(1));
}

/** The value at a dotted path of a record. */
export function valueAt(record, path) {
  return path.split(".").reduce((value, step) => value?.[step], record);
}

// -- home ---------------------------------------------------------------------------------------

/** The one page where an item is dealt with: its record's, or the form journeys.yaml names. */
function attentionHref(item) {
  const link = arrangement.attentionLinks[item.kind]?.[item.record.__typename];
  if (!link) return recordPath(item.record);
  const query = new URLSearchParams((link.params || []).map((name) => [name, String(item[name])]));
  return `${recordPath(item.record)}/${link.operation}?${query}`;
}

/** What needs the provider's attention, grouped by kind, soonest deadline first. */
export function attentionHtml(items, unread) {
  const groups = new Map();
  for (const item of items) {
    if (!groups.has(item.kind)) groups.set(item.kind, []);
    groups.get(item.kind).push(item);
  }
  const sections = [...groups].map(([kind, found]) => {
    const rows = found.map((item) => {
      const overdue = item.overdue ? ' <strong class="govuk-tag govuk-tag--red app-deadline">Overdue</strong>' : "";
      const left = item.daysLeft == null ? "" : item.daysLeft === 0 ? ": today" : `: ${item.daysLeft} day${item.daysLeft === 1 ? "" : "s"} left`;
      const when = item.deadline
        ? `<p class="govuk-body-s app-attention__when">${item.overdue ? "Was due" : "Due"} ${esc(formatDateTime(item.deadline))}${left}${overdue}</p>`
        : item.at
          ? `<p class="govuk-body-s app-attention__when">${esc(formatDateTime(item.at))}</p>`
          : "";
      return (
        `<li class="app-attention__item"><a class="govuk-link govuk-!-font-weight-bold" href="${esc(attentionHref(item))}">${esc(label(item.record))}</a>` +
        `<p class="govuk-body app-attention__summary">${esc(item.summary)}</p>${when}</li>`
      );
    });
    return `<h3 class="govuk-heading-s">${esc(enumLabel("AttentionKind", kind))} (${found.length})</h3><ul class="govuk-list app-attention">${rows.join("")}</ul>`;
  });
  const messages = unread
    ? `<p class="govuk-body"><a class="govuk-link" href="/portal/messages">You have ${unread} unread message${unread === 1 ? "" : "s"}</a></p>`
    : "";
  const body = sections.length || messages ? sections.join("") + messages : '<p class="govuk-body">Nothing needs your attention today.</p>';
  return `<h2 class="govuk-heading-l">What needs your attention</h2>${body}`;
}

// -- a record's actions ----------------------------------------------------------------------------------

/**
 * The actions a record offers now: those journeys.yaml declares for its type whose condition
 * holds (the first as a button, destructive ones as warning buttons); a type it does not
 * mention keeps the generated actions. Operations its task list offers are not repeated.
 */
export function recordActionsHtml(type, found, state, me, generated, hasTasks, blocked = {}) {
  const declared = arrangement.actions[type];
  const path = recordPath(found);
  const available = declared
    ? declared
        .filter((a) => offeredNow(a, state, me) && (!a.open || valueAt(state, a.open)))
        .flatMap((a) => {
          const action = { ...a, name: a.journey ?? a.operation };
          if (!a.for) return [action];
          // once for each item it is for, the item named when there is more than one
          const items = itemsFor(a, state);
          return items.map((item) => ({ ...action, item, title: items.length > 1 ? `${a.title}: ${label(item)}` : a.title }));
        })
    : generated
        .filter((a) => forRoles({ roles: manifest.formRoles?.[a.operation] }, me))
        .map((a) => ({ operation: a.operation, title: presentation(a.operation).title ?? a.title, name: a.operation }));
  const offered = available.filter((a) => !blocked[a.operation]);
  const why = available
    .filter((a) => blocked[a.operation])
    .map((a) => `<div class="govuk-inset-text">${esc(blocked[a.operation])}</div>`)
    .join("");
  if (!offered.length) return why;
  let primary = !hasTasks;
  const buttons = offered.map((action) => {
    let href = `${path}/${action.name}`;
    if (action.open) {
      href = recordPath(valueAt(state, action.open)); // the related record itself
    } else if (action.for) {
      // the item's form, from this record's page (which its answers go back to), the item named in the address
      href = `${path}/${action.name}?${new URLSearchParams({ [action.param]: action.item.id })}`;
    } else if (action.via) {
      // the form of another record (a report's call-off), starting from this one's answers
      const param = (name) => valueAt(state, name);
      const query = new URLSearchParams(action.params.map((name) => [name, String(param(name)?.id ?? param(name))]));
      href = `${recordPath(valueAt(state, action.via))}/${action.name}?${query}`;
    }
    if (action.operation && presentation(action.operation).warning) {
      return `<a href="${esc(href)}" role="button" draggable="false" class="govuk-button govuk-button--warning" data-module="govuk-button">${esc(action.title)}</a>`;
    }
    const kind = primary ? "" : " govuk-button--secondary";
    primary = false;
    return `<a href="${esc(href)}" role="button" draggable="false" class="govuk-button${kind}" data-module="govuk-button">${esc(action.title)}</a>`;
  });
  return `${why}<div class="govuk-button-group">${buttons.join("")}</div>`;
}

// -- task list -------------------------------------------------------------------------------------------

function taskStatus(task, state, related) {
  const done = task.done || {};
  if (done.in) {
    const item = task.item;
    const found = (valueAt(state, done.in) || []).some((entry) => valueAt(entry, done.by)?.id === item?.id);
    return found ? "done" : "todo";
  }
  if (done.count) {
    const have = (valueAt(state, done.count) || []).length;
    const need = done.of ? (valueAt(state, done.of) || []).length : 1;
    if (have >= need && have > 0) return "done";
    return have > 0 ? "started" : "todo";
  }
  if (done.related) {
    const list = related.find(([r]) => r.query === done.related)?.[1];
    return list?.totalCount ? "done" : "todo";
  }
  return "todo";
}

const STATUS = {
  done: '<strong class="govuk-tag app-task-tag">Completed</strong>',
  started: '<strong class="govuk-tag govuk-tag--light-blue">In progress</strong>',
  todo: '<strong class="govuk-tag govuk-tag--blue">Not yet started</strong>',
  notStarted: '<strong class="govuk-tag govuk-tag--grey">Not started</strong>', // an optional task, or a lot not chosen
};

/**
 * The GOV.UK task list of a record in a state that has one; "" otherwise. A section is complete
 * when its required tasks are; a section of one task per item (a round's lots) when any is, as
 * the provider chooses which to apply for. The last task cannot start until every section is complete.
 */
export function taskListHtml(type, found, state, related) {
  const list = arrangement.taskLists[type];
  if (!list || !state || !holds(list.when, state)) return "";
  const path = recordPath(found);
  // sections to complete: not the last (check and submit), nor one of optional tasks only
  const counted = list.sections.filter((section) => !section.tasks.some((task) => task.last || task.optional));
  const statuses = new Map();
  let complete = 0;
  for (const section of list.sections) {
    const tasks = section.tasks.flatMap((task) =>
      task.each ? (valueAt(state, task.each) || []).map((item) => ({ ...task, item, title: label(item) })) : [task],
    );
    const done = tasks.map((task) => (task.last ? null : taskStatus(task, state, related)));
    const chosen = tasks.some((task) => task.each);
    const sectionDone = chosen
      ? done.some((status) => status === "done")
      : tasks.every((task, i) => task.last || task.optional || done[i] === "done");
    if (counted.includes(section) && sectionDone) complete += 1;
    statuses.set(section, { tasks, done });
  }
  const ready = complete === counted.length;
  const sections = list.sections.map((section, s) => {
    const { tasks, done } = statuses.get(section);
    const rows = tasks.map((task, t) => {
      const id = `task-${s}-${t}`;
      let status = task.last ? (ready ? "todo" : "blocked") : done[t];
      if (status === "todo" && (task.optional || task.each)) status = "notStarted";
      const query = task.choose && task.item ? `?${task.choose}=${encodeURIComponent(task.item.id)}` : "";
      const described = `${id}-status${task.hint ? ` ${id}-hint` : ""}`;
      const name =
        status === "blocked"
          ? `<div>${esc(task.title)}</div>`
          : `<a class="govuk-link govuk-task-list__link" href="${esc(`${path}/${task.operation}${query}`)}" aria-describedby="${described}">${esc(task.title)}</a>`;
      const hint = task.hint ? `<div class="govuk-task-list__hint" id="${id}-hint">${esc(task.hint)}</div>` : "";
      const tag =
        status === "blocked"
          ? `<div class="govuk-task-list__status govuk-task-list__status--cannot-start-yet" id="${id}-status">Cannot start yet</div>`
          : `<div class="govuk-task-list__status" id="${id}-status">${STATUS[status]}</div>`;
      return (
        `<li class="govuk-task-list__item${status === "blocked" ? "" : " govuk-task-list__item--with-link"}">` +
        `<div class="govuk-task-list__name-and-hint">${name}${hint}</div>${tag}</li>`
      );
    });
    return `<h2 class="govuk-heading-m">${s + 1}. ${esc(section.title)}</h2><ul class="govuk-task-list">${rows.join("")}</ul>`;
  });
  const deadline = list.deadline ? valueAt(state, list.deadline.field) : null;
  const closing = deadline ? `<div class="govuk-inset-text">${esc(list.deadline.text)} ${esc(formatDateTime(deadline))}.</div>` : "";
  const progress = ready
    ? '<p class="govuk-body">You have completed every section. Check your answers and submit.</p>'
    : `<p class="govuk-body">You have completed ${complete} of the ${counted.length} sections you must complete before you submit.</p>`;
  return `<h2 class="govuk-heading-l">${esc(list.title)}</h2>${closing}${progress}${sections.join("")}`;
}
