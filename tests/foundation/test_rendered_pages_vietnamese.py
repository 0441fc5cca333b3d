"""Every page of the demo reads as Vietnamese: no English, no working notes, names family
name first.

The demo is seeded once for the module. Then, in the portal's language (Vietnamese), the
anonymous public and each demo account crawl the pages reachable by GET links from the
public home and the staff home (same site only; not the sign-out, the language switch, the
admin, nor files to download). Each distinct page (URL name and the names of its query
parameters) is read at least once by each persona, and of the pages about one object (a
session, a concern, a unit) several objects, in their different states. The text a user
sees (tags, scripts and styles stripped) and the ``title``, ``placeholder``,
``aria-label`` and ``alt`` attributes (and the labels of input buttons), on every page
read and on the refusal pages (403, 404) a link led to, must hold none of the English
words and working notes below, and no demo account's name in Western order ("Hải Nguyễn
Văn"). A failure lists each English sentence, note or name once, with the persona and
URL of a page that shows it.
"""

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from dialogue_portal.lib import clock
from tests.shared_rows import rows_kept_for_the_scope
from units.demo import ADMIN_USERNAME, DEMO_ACCOUNTS

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# English words a Vietnamese page must not show (whole words, any case): the words of the
# interface, working notes, and the small words of English sentences (none of them a
# Vietnamese syllable).
# fmt: off
ENGLISH_WORDS = [
    "the", "and", "of", "for", "with", "your", "please", "submit", "save", "cancel",
    "delete", "edit", "search", "next", "previous", "status", "unit", "session", "sessions",
    "concern", "concerns", "approved", "draft", "amended", "pending", "assumption", "TODO",
    "N/A",
    "you", "this", "is", "are", "or", "not", "by", "from", "all", "only", "either", "what",
    "which", "who", "when", "choose", "select", "view", "new", "add", "back", "page", "file",
    "committee", "addressed",
]
# fmt: on
# Working notes and citations that must never reach a page.
PHRASES = [
    "giả định",
    "chờ văn bản",
    "chờ toàn văn",
    "Bản ghi nhớ",
    "NĐ 13/2023",
    "13/2023/NĐ-CP",
    "Quy định 935",
    "Quy định 936",
    "---------",
    "(online sessions)",
]
# Tokens a Vietnamese page may show although they match a word above: none so far. (Names
# of formats the user downloads, "PDF", "Word", "Excel", "CSV", "iCalendar", and "OTP",
# match no word of the list and need no exception.)
ALLOWED: set[str] = set()

FORBIDDEN = re.compile(
    "|".join(
        [rf"(?<![\w/.@-]){re.escape(word)}(?![\w/@-])" for word in ENGLISH_WORDS]
        + [re.escape(phrase) for phrase in PHRASES]
    ),
    re.IGNORECASE,
)

# Files, not pages: never fetched.
DOWNLOADS = {
    "public_sessions:ics",
    "public_sessions:feed_city",
    "public_sessions:feed_unit",
    "sessions:attachment",
    "sessions:conclusions_docx",
    "petitions:attachment",
    "petitions:export_csv",
    "petitions:export_xlsx",
    "compliance:report_csv",
    "compliance:report_xlsx",
    "compliance:report_docx",
}
DOWNLOAD_SUFFIXES = (".ics", ".xlsx", ".csv", ".docx", ".pdf", ".zip")
NEVER = {"staff:logout", "set_language"}
# Pages per persona at most; every distinct page is read first, further objects after.
PAGES_PER_PERSONA = 200
# Objects (sessions, concerns, units) of one kind a persona reads at most.
OBJECTS_PER_KIND = 3

# Attributes whose text a user sees or hears.
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
HIDDEN_ELEMENTS = ("script", "style", "template")


class _Text(HTMLParser):
    """The text a user sees or hears on a page, and the page's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
        for name in SHOWN_ATTRIBUTES:
            if attributes.get(name):
                self.parts.append(attributes[name])
        kind = (attributes.get("type") or "").lower()
        if tag == "input" and kind in ("submit", "button", "reset") and attributes.get("value"):
            self.parts.append(attributes["value"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN_ELEMENTS:
            self._hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def read_page(html: str) -> tuple[str, list[str]]:
    """The page's visible text and its links. Each piece of text (between two tags, or an
    attribute) is one line, its whitespace collapsed: two names side by side in a list are
    never read as one."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    pieces = (" ".join(part.split()) for part in parser.parts)
    return "\n".join(piece for piece in pieces if piece), parser.links


def western_order(full_name: str) -> list[str]:
    """The ways a Western first/last-name order would write a Vietnamese full name:
    given name first ("Hải Nguyễn Văn"), and middle and given names before the family
    name ("Văn Hải Nguyễn")."""
    words = full_name.split()
    if len(words) < 2:
        return []
    family, given = words[0], words[-1]
    return [" ".join([given, *words[:-1]]), " ".join([*words[1:], family])]


WESTERN_NAMES = sorted(
    {wrong for _, _, name, _ in DEMO_ACCOUNTS.values() for wrong in western_order(name)}
)
WESTERN = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in WESTERN_NAMES))


# The run of text around an English word: its sentence, when the sentence is English.
_ENGLISH_RUN = re.compile(r"[A-Za-z0-9 ,;:'’()/.\-]*")
_ENGLISH = {word.lower() for word in ENGLISH_WORDS}


def _english_run(text: str, start: int, end: int) -> str | None:
    """The English sentence around the word ``text[start:end]`` (whole words only), or None
    when the word stands alone among Vietnamese ones."""
    first = len(text) - _ENGLISH_RUN.match(text[::-1], len(text) - start).end()
    last = _ENGLISH_RUN.match(text, end).end()
    if first > 0 and text[first - 1].isalnum():  # the run starts inside a Vietnamese word
        first = text.find(" ", first, start) + 1 or start
    if last < len(text) and text[last].isalnum():
        last = text.rfind(" ", end, last) if " " in text[end:last] else end
    run = text[first:last].strip(" ,;:").lstrip("0123456789/:. ")
    return run if len(run.split()) > 2 else None


def _window(text: str, start: int, end: int) -> str:
    return " ¦ ".join(text[max(start - 40, 0) : end + 40].splitlines())


def offences(text: str) -> list[tuple[str, str]]:
    """The forbidden words, notes and Western-order names in ``text``: (what to fix, where).
    What to fix is the English sentence around an English word, else the word, note or
    name itself; where is that sentence, or the text around."""
    found = []
    for pattern in (FORBIDDEN, WESTERN):
        for match in pattern.finditer(text):
            word = match.group(0)
            if word in ALLOWED:
                continue
            run = None
            if word.lower() in _ENGLISH:
                run = _english_run(text, match.start(), match.end())
            found.append((run or word, run or _window(text, match.start(), match.end())))
    return found


def test_the_check_catches_what_it_is_for():
    html = (
        "<html><head><title>Save the session</title><style>.the{}</style></head><body>"
        '<script>var the = "Submit";</script>'
        '<p>Phiên đối thoại <b>Draft</b></p><input type="submit" value="Cancel">'
        '<input placeholder="Search"><img alt="N/A"><a href="/x" aria-label="Next">›</a>'
        "<p>Ông Hải Nguyễn Văn, bà Thị Ngọc Ánh Phan; theo giả định</p></body></html>"
    )
    text, links = read_page(html)
    assert [what for what, _ in offences(text)] == [
        "Save the session",
        "Save the session",
        "Save the session",
        "Draft",
        "Cancel",
        "Search",
        "N/A",
        "Next",
        "giả định",
        "Hải Nguyễn Văn",
        "Thị Ngọc Ánh Phan",
    ]
    assert "var" not in text and ".the" not in text
    assert links == ["/x"]
    clean = (
        "Nguyễn Văn Hải, Phan Thị Ngọc Ánh; Quyết định số 935-QĐ/TU; thể thao; "
        "canbo.benthanh@demo.invalid; /staff/sessions/; tải tệp PDF, Word, Excel"
    )
    assert offences(read_page(f"<p>{clean}</p>")[0]) == []
    # Two people side by side in a list are two names, not one in Western order.
    listed = "<select><option>Trần Thị Minh</option><option>Trần Minh Tuấn</option></select>"
    assert offences(read_page(listed)[0]) == []


# --- The crawl ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module (the crawl only reads it)."""
    from importlib import import_module

    from demo.management.commands.seed_demo import APP_SEEDERS
    from units.demo import seed_units_and_accounts

    with rows_kept_for_the_scope(django_db_blocker):
        seed_units_and_accounts()
        for module_name in APP_SEEDERS:
            import_module(module_name).seed_demo(today=clock.today())
        yield


# The public, every role of one ward (Xã Cần Giờ's accounts hold the same roles and see
# the same pages), the city reviewer and the administrator.
PERSONAS = [
    "anonymous",
    *(name for name in DEMO_ACCOUNTS if not name.endswith(".cangio")),
    ADMIN_USERNAME,
]


def _page(url: str) -> tuple[str, bool] | None:
    """The URL name of a same-site page worth reading, and whether it shows one object (its
    path takes arguments); None for anything else."""
    path = urlsplit(url).path
    if path.lower().endswith(DOWNLOAD_SUFFIXES) or path.startswith("/admin/"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if name in DOWNLOADS or name in NEVER or name.startswith("admin:"):
        return None
    return name, bool(match.args or match.kwargs)


def _same_site(base: str, href: str) -> str | None:
    """``href`` as a same-site path with its query, or None."""
    href = urldefrag(href.strip())[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if (parts.scheme or parts.netloc) and parts.netloc not in ("testserver", ""):
        return None
    path = parts.path
    if not path:
        path = urlsplit(base).path
    elif not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def _kind(url: str) -> tuple:
    """A page's kind: its URL name and the names of its query parameters."""
    query = urlsplit(url).query
    names = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True)})
    return (_page(url)[0], tuple(names))


def crawl(client: Client, starts: list[str]) -> tuple[dict, list]:
    """Read the pages reachable from ``starts``: {url: offences}, and the kinds read.

    Each kind once; of the pages about one object (a session, a concern, a unit), a few
    objects of each kind, the first ones linked (their states differ, and so do the forms
    they link to)."""
    queue: deque[str] = deque()  # a kind not read yet
    more: deque[str] = deque()  # another object of a kind already read
    per_kind: Counter = Counter()
    queued: set[str] = set(starts)
    queue.extend(starts)
    per_kind.update(_kind(url) for url in starts)
    found: dict[str, list] = {}
    kinds: list = []
    while (queue or more) and len(found) < PAGES_PER_PERSONA:
        url = queue.popleft() if queue else more.popleft()
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), f"{url}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        text, links = read_page(response.content.decode())
        found[url] = offences(text)  # the refusal pages (403, 404) are read too
        if response.status_code != 200:
            continue
        kinds.append(_kind(url))
        for href in links:
            target = _same_site(url, href)
            page = target and _page(target)
            if not page or target in queued:
                continue
            kind, one_object = _kind(target), page[1]
            if per_kind[kind] == 0:
                queue.append(target)
            elif one_object and per_kind[kind] < OBJECTS_PER_KIND:
                more.append(target)
            else:
                continue
            per_kind[kind] += 1
            queued.add(target)
    assert not queue, f"the cap of {PAGES_PER_PERSONA} pages left kinds unread: {list(queue)}"
    return found, kinds


# Pages every crawl must reach (the crawl is broken otherwise).
MUST_READ = {
    "anonymous": {"home", "public_sessions:upcoming", "public_sessions:past"},
    "truong.benthanh": {
        "staff:home",
        "sessions:list",
        "sessions:detail",
        "petitions:queue",
        "petitions:detail",
    },
    "thanhuy.ratsoat": {"staff:home", "compliance:city", "sessions:detail"},
}


# One test per persona, so the crawls spread over the test workers.
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_reads_as_vietnamese(demo, persona):
    client = Client()
    starts = [reverse("home")]
    if persona != "anonymous":
        client.force_login(get_user_model().objects.get(username=persona))
        starts.append(reverse("staff:home"))
    problems: dict[str, list[str]] = {}
    found, kinds = crawl(client, starts)
    names = {name for name, _ in kinds}
    assert MUST_READ.get(persona, set()) <= names, (persona, sorted(names))
    for url, offending in found.items():
        for what, where in offending:
            problems.setdefault(what, []).append(f"{persona} {url}: “{where}”")
    assert len(found) > 10
    report = [
        f"{what}\n    on {len(where)} page(s), e.g. {where[0]}"
        for what, where in sorted(problems.items())
    ]
    assert not report, f"{len(report)} English texts or notes on Vietnamese pages:\n" + "\n".join(
        report
    )
