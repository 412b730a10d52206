"""schema.org ClaimReview for an explainer, mapped as the content format documents."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from generator import urls
from generator.i18n import translations
from generator.model import RATING, STATUS_LABELS, Actor, Explainer, Settings, Source


def schema_type(actor: Actor) -> str:
    return "Person" if actor.is_person else "Organization"


def claim_review(explainer: Explainer, actors: Mapping[str, Actor], sources: Mapping[str, Source], settings: Settings) -> dict:
    lang = settings.edition.lang
    rating: dict[str, Any] = {
        "@type": "Rating", "alternateName": translations(settings.edition.interface).gettext(STATUS_LABELS[explainer.status]),
    }
    if explainer.status in RATING:
        rating.update(ratingValue=RATING[explainer.status], bestRating=5, worstRating=1)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": urls.absolute(settings.edition_url, urls.explainer(explainer.id)),
        "inLanguage": lang,
        "claimReviewed": explainer.claim.get(lang) or explainer.claim.default,
        "datePublished": explainer.published.iso,
        "dateModified": explainer.last_updated.iso,
        "author": {"@type": "Organization", "name": settings.site_name, "url": settings.site_url},
        "reviewRating": rating,
    }
    supporting = sorted((s for s in explainer.statements if s.stance == "supports"), key=lambda s: s.date.sort_key())
    if supporting:
        first = supporting[0]
        actor = actors[first.by]
        source = sources[first.source]
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title, "datePublished": source.published.iso}
        if source.url:
            appearance["url"] = source.url
        review["itemReviewed"] = {
            "@type": "Claim",
            "author": {"@type": schema_type(actor), "name": actor.name.get(lang) or actor.name.default},
            "datePublished": first.date.iso,
            "appearance": appearance,
        }
    return review


def script_json(data: Any) -> str:
    """JSON that cannot end a <script> element or open a comment, whatever text it holds."""
    encoded = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
