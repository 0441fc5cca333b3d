"""The public notices of conclusions on denunciations (công khai kết luận nội dung tố cáo,
Luật Tố cáo năm 2018 Điều 40), mounted at /concerns/denunciations/conclusions/.

Each row: the unit whose body concluded, the date, the number and the public notice the
resolver wrote, nothing else. No name, contact or address of the denunciator, no title (it
names the person denounced), no tracking code: the page reads only ``public_text``, which
the conclusion's service refuses when it names the denunciator.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .documents import label_of
from .institutions import body_name
from .services.denunciations import public_conclusions

PER_PAGE = 20


@dataclass(frozen=True)
class PublicConclusion:
    body: str
    issued_on: date
    number: str
    text: str


def _row(doc) -> PublicConclusion:
    return PublicConclusion(
        body=body_name(doc.unit, doc.institution),
        issued_on=doc.issued_on,
        number=label_of(doc),
        text=doc.public_text,
    )


@require_GET
def conclusions(request):
    page = Paginator(public_conclusions(), PER_PAGE).get_page(request.GET.get("page"))
    rows = [_row(doc) for doc in page.object_list]
    return render(
        request,
        "petitions/public/denunciation_conclusions.html",
        {"page": page, "rows": rows},
    )
