"""The documents of a concern, printed in their official layout or as an editable .docx.

Scoped like the concern itself: a document of a concern outside the user's units is a 404;
a denunciation's documents only for those who may see the denunciator's identity (the
documents name them), otherwise also a 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from documents.docx import docx_response
from units.permissions import Capability, get_in_scope

from . import selectors
from .documents import as_context, filename_of, official_document
from .models import Concern, ConcernDocument, ConcernType


def _scoped_document(request, pk: int) -> ConcernDocument:
    doc = get_object_or_404(
        ConcernDocument.objects.select_related("outgoing__register", "unit"), pk=pk
    )
    concern = get_in_scope(
        Concern.objects.select_related("unit"),
        request.user,
        Capability.VIEW_CONCERNS,
        pk=doc.concern_id,
    )
    if (
        concern.type == ConcernType.DENUNCIATION
        and not selectors.concern_privacy(request.user, concern).identity
    ):
        raise Http404
    doc.concern = concern
    return doc


@login_required
@require_GET
def document_print(request, pk: int):
    doc = _scoped_document(request, pk)
    return render(request, "petitions/staff/document_print.html", as_context(doc))


@login_required
@require_GET
def document_docx(request, pk: int):
    doc = _scoped_document(request, pk)
    return docx_response(official_document(doc), filename_of(doc, "docx"))
