"""Server-rendered pages in the GOV.UK template: sign-in, password, invitation and e-mail confirmation pages.

One template (:func:`document`): ``<html class="govuk-template">``, the skip link, the generic header
with the service name, one ``main`` with the page's ``h1``, and the footer linking to the
accessibility statement and the privacy notice. GOV.UK Frontend's stylesheet comes from the portal's
copy (``/portal/govuk/govuk-frontend.min.css``); there is no script and no inline style, so the pages
keep a strict Content-Security-Policy (:func:`page_headers`): nothing but that stylesheet loads, and
forms post only where a page says.

Markup is built from small helpers. Every value is escaped unless it is :class:`Html`, which only the
helpers make: a caller passes text, never markup, and cannot forget to escape it.

Forms follow the GOV.UK error pattern: the error summary at the top (focused when the page loads,
each problem linking to its field), the message again beside the field with a hidden "Error:" prefix,
and "Error: " before the page title.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import HTMLResponse

SERVICE_NAME = "North West SEND Flexible Purchasing System"
STYLESHEET = "/portal/govuk/govuk-frontend.min.css"
HOME = "/portal/"
START = "Buying and offering SEND school places"
ACCESSIBILITY = "/accessibility"
PRIVACY = "/privacy"
CONTACT = "send-fps@cheshireeast.gov.uk"


class Html(str):
    """Markup made by these helpers: used as it is, where any other value is escaped."""

    __slots__ = ()


def e(value: object) -> Html:
    """``value`` escaped for text and for attribute values in either quote, unless it is already :class:`Html`."""
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def join(*parts: object) -> Html:
    """The parts one after another, each escaped unless it is :class:`Html`."""
    return Html("".join(e(part) for part in parts))


def _attrs(attributes: dict[str, object | None]) -> str:
    """` name="value"` for each attribute that is not None; ``True`` is a bare attribute."""
    out = []
    for name, value in attributes.items():
        if value is None or value is False:
            continue
        out.append(f" {name}" if value is True else f' {name}="{e(value)}"')
    return "".join(out)


# --------------------------------------------------------------------------
# Content
# --------------------------------------------------------------------------


def h1(text: object, *, size: str = "l") -> Html:
    return Html(f'<h1 class="govuk-heading-{size}">{e(text)}</h1>')


def h2(text: object, *, size: str = "m", id_: str | None = None) -> Html:
    return Html(f'<h2 class="govuk-heading-{size}"{_attrs({"id": id_})}>{e(text)}</h2>')


def h3(text: object) -> Html:
    return Html(f'<h3 class="govuk-heading-s">{e(text)}</h3>')


def p(*parts: object, lead: bool = False) -> Html:
    return Html(f'<p class="govuk-body{"-l" if lead else ""}">{join(*parts)}</p>')


def strong(text: object) -> Html:
    """Bold, and broken anywhere if need be: a long address or username fits a narrow screen."""
    return Html(f'<strong class="govuk-!-text-break-word">{e(text)}</strong>')


def code(text: object) -> Html:
    return Html(f"<code>{e(text)}</code>")


def link(href: str, text: object) -> Html:
    return Html(f'<a class="govuk-link" href="{e(href)}">{e(text)}</a>')


def email_link(address: str = CONTACT) -> Html:
    return link(f"mailto:{address}", address)


def bullets(*items: object) -> Html:
    rows = "".join(f"<li>{e(item)}</li>" for item in items)
    return Html(f'<ul class="govuk-list govuk-list--bullet">{rows}</ul>')


def inset(*parts: object) -> Html:
    return Html(f'<div class="govuk-inset-text">{join(*parts)}</div>')


def panel(title: object, body: object = None) -> Html:
    """The confirmation panel; its title is the page's ``h1``."""
    inner = f'<div class="govuk-panel__body">{e(body)}</div>' if body is not None else ""
    return Html(
        f'<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">{e(title)}</h1>'
        f"{inner}</div>"
    )


# --------------------------------------------------------------------------
# Forms
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """An error to show: ``field`` is the id of the input it is about, None when it is about the whole form."""

    message: str
    field: str | None = None


def field_error(problems: Sequence[Problem], field: str) -> str | None:
    """The message about ``field``, if there is one."""
    return next((problem.message for problem in problems if problem.field == field), None)


def error_summary(problems: Sequence[Problem]) -> Html:
    """GOV.UK's error summary: every problem, linked to its field. Focused on load (``autofocus``), without script."""
    if not problems:
        return Html("")
    items = "".join(
        f'<li><a href="#{e(problem.field)}">{e(problem.message)}</a></li>'
        if problem.field
        else f"<li>{e(problem.message)}</li>"
        for problem in problems
    )
    return Html(
        '<div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" autofocus>'
        '<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>'
        f'<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">{items}</ul>'
        "</div></div></div>"
    )


def form(action: str, *children: object) -> Html:
    """A form posted to ``action``; browsers leave validation to the server, which shows GOV.UK's errors."""
    return Html(f'<form method="post" action="{e(action)}" novalidate>{join(*children)}</form>')


def hidden(name: str, value: str) -> Html:
    return Html(f'<input type="hidden" name="{e(name)}" value="{e(value)}">')


def text_input(
    id_: str,
    label: str,
    *,
    type_: str = "text",
    value: str = "",
    autocomplete: str | None = None,
    hint: str | None = None,
    error: str | None = None,
    spellcheck: bool | None = None,
    autocapitalize: str | None = None,
    width: str | None = None,
) -> Html:
    """A labelled input in its form group, with its hint and error message; ``id`` is also its name."""
    described = " ".join(x for x in (f"{id_}-hint" if hint else "", f"{id_}-error" if error else "") if x)
    classes = " ".join(
        x
        for x in ("govuk-input", f"govuk-input--width-{width}" if width else "", "govuk-input--error" if error else "")
        if x
    )
    attributes: dict[str, object | None] = {
        "class": classes,
        "id": id_,
        "name": id_,
        "type": type_,
        "value": value if type_ != "password" else None,
        "autocomplete": autocomplete,
        "autocapitalize": autocapitalize,
        "spellcheck": None if spellcheck is None else str(spellcheck).lower(),
        "aria-describedby": described or None,
        "aria-invalid": "true" if error else None,
    }
    parts = [
        f'<div class="govuk-form-group{" govuk-form-group--error" if error else ""}">',
        f'<label class="govuk-label" for="{e(id_)}">{e(label)}</label>',
        f'<div id="{e(id_)}-hint" class="govuk-hint">{e(hint)}</div>' if hint else "",
        (
            f'<p id="{e(id_)}-error" class="govuk-error-message">'
            f'<span class="govuk-visually-hidden">Error:</span> {e(error)}</p>'
            if error
            else ""
        ),
        f"<input{_attrs(attributes)}>",
        "</div>",
    ]
    return Html("".join(parts))


PASSWORD_HINT = (
    "Use at least 12 characters, and not your username. Three or more random words make a strong password "
    "that is easy to remember. Do not use a password you use for anything else."
)


def new_password_fields(problems: Sequence[Problem], *, username: str) -> Html:
    """The account's username, the new password with how to choose a strong one, and the password again."""
    return join(
        p("Your username is ", strong(username), "."),
        # not shown (it is just above) and ignored by the server: it tells password managers whose password it is
        Html(f'<input type="text" name="username" autocomplete="username" value="{e(username)}" hidden>'),
        text_input(
            "password",
            "New password",
            type_="password",
            autocomplete="new-password",
            hint=PASSWORD_HINT,
            error=field_error(problems, "password"),
        ),
        text_input(
            "confirm_password",
            "Enter the new password again",
            type_="password",
            autocomplete="new-password",
            error=field_error(problems, "confirm_password"),
        ),
    )


def button(text: str) -> Html:
    return Html(f'<button type="submit" class="govuk-button" data-module="govuk-button">{e(text)}</button>')


# --------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------


def title_of(title: str, *, error: bool = False) -> str:
    """``Sign in – North West SEND …``, with ``Error: `` first when the form has errors."""
    return f"{'Error: ' if error else ''}{title} – {SERVICE_NAME}"


def document(title: str, *content: object, problems: Sequence[Problem] = ()) -> str:
    """A whole page: ``content`` starts with the page's one ``h1``; the error summary goes above it."""
    return (
        '<!DOCTYPE html><html lang="en" class="govuk-template"><head><meta charset="utf-8">'
        f"<title>{e(title_of(title, error=bool(problems)))}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">'
        '<meta name="theme-color" content="#0b0c0c">'
        f'<link rel="stylesheet" href="{e(STYLESHEET)}">'
        '</head><body class="govuk-template__body">'
        '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>'
        '<header class="govuk-template__header"><div class="govuk-generic-header">'
        '<div class="govuk-generic-header__container govuk-width-container"><div class="govuk-generic-header__logo">'
        f'<a href="{e(HOME)}" class="govuk-generic-header__homepage-link">{e(SERVICE_NAME)}</a>'
        "</div></div></div></header>"
        '<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">'
        '<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">'
        f"{error_summary(problems)}{join(*content)}"
        "</div></div></main></div>"
        f"{_footer()}</body></html>"
    )


def _footer() -> Html:
    links = (("Accessibility statement", ACCESSIBILITY), ("Privacy notice", PRIVACY), ("Provider portal", HOME))
    items = "".join(
        f'<li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="{e(href)}">{e(text)}</a></li>'
        for text, href in links
    )
    return Html(
        '<footer class="govuk-template__footer"><div class="govuk-footer"><div class="govuk-width-container">'
        '<div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">'
        f'<h2 class="govuk-visually-hidden">Support links</h2><ul class="govuk-footer__inline-list">{items}</ul>'
        '<div class="govuk-footer__meta-custom">Run by Cheshire East Council, the lead authority, '
        "for the councils of the North West that buy SEND placements through this service.</div>"
        "</div></div></div></div></footer>"
    )


# --------------------------------------------------------------------------
# Responses
# --------------------------------------------------------------------------


def content_security_policy(form_action: Iterable[str] = ()) -> str:
    """Nothing loads but this server's stylesheet (and the fonts it declares, which Chromium checks even unused);
    forms post to ``form_action`` only (nowhere by default)."""
    action = " ".join(form_action) or "'none'"
    return (
        f"default-src 'none'; style-src 'self'; font-src 'self'; form-action {action}; frame-ancestors 'none'; "
        "base-uri 'none'"
    )


def page_headers(*, form_action: Iterable[str] = (), cache: bool = False) -> dict[str, str]:
    """Never framed, no referrer (a link's token stays out of it); not stored unless ``cache`` (a page of no one's)."""
    return {
        "Cache-Control": "no-cache" if cache else "no-store",
        **({} if cache else {"Pragma": "no-cache"}),
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": content_security_policy(form_action),
    }


FORM_HEADERS = page_headers(form_action=["'self'"])
"""A page with a form posted back to this server."""
PLAIN_HEADERS = page_headers()
"""A page without a form."""


def respond(page: str, *, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    """A page without a form (a result, a refusal), never stored."""
    return HTMLResponse(page, status_code=status, headers={**PLAIN_HEADERS, **(headers or {})})


# --------------------------------------------------------------------------
# The accessibility statement and the privacy notice
# --------------------------------------------------------------------------


STATEMENT_PREPARED = "7 December 2026"


def accessibility_statement() -> str:
    return document(
        "Accessibility statement",
        h1("Accessibility statement"),
        p(
            "This statement is about the North West SEND Flexible Purchasing System: the provider portal, the "
            "pages for signing in, resetting a password, accepting an invitation and confirming an e-mail address, "
            "and this service's information pages."
        ),
        p(
            "The service is run by Cheshire East Council, the lead authority, for the councils of the North West "
            "that use it to buy school and college places for children and young people with special educational "
            "needs and disabilities (SEND). We want as many people as possible to be able to use it. "
            "For example, you should be able to:"
        ),
        bullets(
            "change colours, contrast levels and fonts using your browser or device settings",
            "zoom in up to 400% without the text spilling off the screen",
            "use the service on a screen 320 pixels wide without scrolling sideways",
            "get around the service using only a keyboard or speech recognition software",
            "listen to the service using a screen reader, such as JAWS, NVDA or VoiceOver",
        ),
        p("We have also tried to make the text as simple as possible to understand."),
        p(
            link("https://mcmw.abilitynet.org.uk/", "AbilityNet has advice on making your device easier to use"),
            " if you have a disability.",
        ),
        h2("How accessible this service is"),
        p(
            "We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. The pages are "
            "built with GOV.UK Frontend, which is designed to meet that standard."
        ),
        p("We know some parts of the service may not be fully accessible:"),
        bullets(
            "documents that providers and councils upload, such as PDF policies and reports, are not made by this "
            "service and may not be accessible",
            "the provider portal needs JavaScript to work",
        ),
        h2("Feedback and contact information"),
        p(
            "If you need information on this service in a different format, such as large print, easy read or an "
            "accessible document, e-mail ",
            email_link(),
            ". Tell us the web address of the page and the format you need.",
        ),
        h2("Reporting accessibility problems with this service"),
        p(
            "We are always looking to improve the accessibility of this service. If you find a problem that is not "
            "listed on this page, or think we are not meeting accessibility requirements, e-mail ",
            email_link(),
            ". Tell us:",
        ),
        bullets(
            "the web address (URL) of the page",
            "what you were trying to do and what went wrong",
            "the device, browser and any assistive technology you were using",
        ),
        h2("Enforcement procedure"),
        p(
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
            "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility "
            "regulations’). If you are not happy with how we respond to your complaint, ",
            link(
                "https://www.equalityadvisoryservice.com/", "contact the Equality Advisory and Support Service (EASS)"
            ),
            ".",
        ),
        h2("Technical information about this service’s accessibility"),
        p(
            "Cheshire East Council is committed to making this service accessible, in accordance with the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."
        ),
        h3("Compliance status"),
        p(
            "This service is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA "
            "standard, because of the problems listed above and because it has not yet been audited by "
            "accessibility specialists."
        ),
        h2("How we tested this service"),
        p(
            "Each time the service’s software changes, its pages are checked automatically with the axe-core tool in "
            "the Chromium web browser. The sign-in, password, invitation and information pages are also checked on "
            "a screen 320 pixels wide. Automated checks find only some kinds of problem, so we also plan testing "
            "with disabled people and an audit against WCAG 2.2 AA."
        ),
        h2("Preparation of this accessibility statement"),
        p(f"This statement was prepared on {STATEMENT_PREPARED}."),
    )


def privacy_notice() -> str:
    return document(
        "Privacy notice",
        h1("Privacy notice"),
        p(
            "This notice explains what information the North West SEND Flexible Purchasing System keeps, why we "
            "keep it, who can see it, how long we keep it and what your rights are.",
            lead=True,
        ),
        h2("Who we are"),
        p(
            "Councils in the North West use this service to buy school and college places for children and young "
            "people with special educational needs and disabilities (SEND) from approved schools, colleges and "
            "other providers."
        ),
        p(
            "Cheshire East Council runs the service as the lead authority for these councils. It is the data "
            "controller for the service and for the accounts of the people who use it. Each council that asks for "
            "a place for a child is responsible for the information it gives about that child."
        ),
        h2("What we keep about children and young people"),
        p("We do not keep a child’s name, date of birth or address. When a council asks for a place, it gives:"),
        bullets(
            "its own reference for the child, which providers never see: they see a different reference instead",
            "the child’s age and school year, and their gender",
            "their special educational needs, and a summary of those needs written without naming the child",
            "the first part of their home postcode (the postcode district, such as OL16)",
            "the map coordinates of their home, to work out how far each school is from it",
        ),
        p(
            "Only the council that asked for the place sees the home coordinates and its own reference. Providers "
            "that the council invites to offer a place see the rest, and how far their school is from the child’s "
            "home. Once a child is placed, the provider reports on their progress each term, and the council sees "
            "those reports."
        ),
        p(
            "Information about a child’s needs can be about their health, which the law protects more strongly. "
            "It is used only to find and pay for a suitable place and to check how the placement is going."
        ),
        h2("What we keep about the people who use the service"),
        p("For each person with an account, at a council or at a provider, we keep:"),
        bullets(
            "their name, username and work e-mail address, and which organisation they work for",
            "their password, stored only in a scrambled form (a hash) that cannot be turned back into the password",
            "a record of what they did in the service and when, which cannot be changed afterwards",
        ),
        p(
            "To protect accounts from password guessing, we count failed attempts to sign in and requests to reset "
            "a password, for each account and each network address. We record the network address of a request to "
            "reset a password."
        ),
        p(
            "We use e-mail addresses to send messages about the service: links to confirm an address, accept an "
            "invitation or reset a password, and notices about bids, offers and placements."
        ),
        h2("Commercial information"),
        p(
            "Providers give their prices, bids, offers and documents. A provider’s prices are seen by that provider, "
            "by the lead authority, by the evaluators who score its bid once the round has closed, and by the "
            "councils that buy places from it. Other providers never see them. Details of contracts awarded, with "
            "their value, are published as open data, without any information about children."
        ),
        h2("Why we use this information"),
        p(
            "Councils have a legal duty to secure the special educational provision that children and young people "
            "need, under the Children and Families Act 2014. We use this information to carry out that public task: "
            "to buy places, compare offers, manage contracts and check how placements are going."
        ),
        h2("How long we keep it"),
        p(
            "Information is kept for as long as each council’s records retention schedule says, and then deleted. "
            "Ask the council concerned for its schedule."
        ),
        h2("Your rights"),
        p("You have the right to:"),
        bullets(
            "ask for a copy of the information we hold about you",
            "ask us to correct information that is wrong",
            "ask us to delete information or to limit how we use it, in some circumstances",
            "object to how we use your information",
        ),
        p(
            "A parent or carer can ask on behalf of a child. Requests about a child’s information are best made to "
            "the council that looks after the child’s education, health and care plan."
        ),
        h2("Contact us"),
        p(
            "To ask about your information or to use your rights, e-mail ",
            email_link(),
            " or write to the Data Protection Officer, Cheshire East Council.",
        ),
        p(
            "If you are not happy with how we have used your information, you can complain to the ",
            link("https://ico.org.uk/make-a-complaint/", "Information Commissioner’s Office"),
            ".",
        ),
    )


def start_page() -> str:
    """The service's front door: who it is for, and where each of them goes."""
    return document(
        START,
        h1(START),
        p(
            "Councils of the North West buy places for children with special educational needs and "
            "disabilities in independent and non-maintained special schools here.",
            lead=True,
        ),
        h2("Schools and colleges"),
        p(
            "Make offers for referred children, apply to join lots, and send outcome reports in the ",
            link(HOME, "provider portal"),
            ".",
        ),
        h2("Councils and developers"),
        p(
            "Councils' own systems and portals use the ",
            link("/graphql", "GraphQL API"),
            ", which describes itself. Its health is at ",
            link("/healthz", "/healthz"),
            " and ",
            link("/readyz", "/readyz"),
            ".",
        ),
    )


async def start(request: Request) -> HTMLResponse:
    """``GET /``: the start page."""
    return HTMLResponse(start_page(), headers=page_headers(cache=True))


async def accessibility(request: Request) -> HTMLResponse:
    """``GET /accessibility``: the accessibility statement."""
    return HTMLResponse(accessibility_statement(), headers=page_headers(cache=True))


async def privacy(request: Request) -> HTMLResponse:
    """``GET /privacy``: the privacy notice."""
    return HTMLResponse(privacy_notice(), headers=page_headers(cache=True))
