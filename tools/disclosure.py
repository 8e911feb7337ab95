"""Every disclosure of a person's data to a recipient, decided and performed in one place.

``Discloser.disclose`` picks the consent valid now for the recipient (and the purposes the caller
serves), takes exactly the data categories that consent covers (narrowed to what the caller
asks for), reads the person's data only when the share is allowed, names the person by their
pseudonymous reference for that recipient, and logs the attempt through ``Sharing.share`` (which
re-checks the consent under lock). Nothing else reads a profile or a transcript for a recipient:
the organisation API, the widget, the counsellor console and exports to a recipient call this.

The refusal reason stays inside (share log, the person's own view); what a recipient is told is
``GENERIC_REFUSAL``, which does not reveal whether the person never consented, refused, revoked,
or let a consent lapse.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from tools.consent.models import Consent, DataCategory
from tools.consent.recipients import PURPOSE_SKILL_EVIDENCE, PURPOSE_STATISTICS
from tools.consent.service import ConsentError
from tools.sharing import Sharing, profile_payload

GENERIC_REFUSAL = {
    "en": "This person has not shared this data with you.",
    "fr": "Cette personne n'a pas partagé ces données avec vous.",
}
# Purposes that are not a disclosure to read (evidence flows in; statistics leave only as aggregates).
NOT_READABLE = (PURPOSE_SKILL_EVIDENCE, PURPOSE_STATISTICS)


class Disclosure(BaseModel):
    allowed: bool
    person_ref: str = Field(description="the person's pseudonymous reference for this recipient")
    recipient_id: str
    purpose: str
    categories: list[str]
    consent: Consent | None = None
    at: datetime
    reason: str = Field(description="internal: why a share was refused (never shown to the recipient)")
    data: dict[str, Any] = Field(default_factory=dict, description="one entry per disclosed category")


class _LazyPayload(Mapping[str, Any]):
    """The person's data, read only when the share is allowed (a refused share never touches it)."""

    def __init__(self, load: Callable[[], dict[str, Any]]):
        self._load_data = load
        self._data: dict[str, Any] | None = None

    def _loaded(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._load_data()
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


def transcript_payload(turns: Iterable[Any], person_id: str, person_ref: str) -> list[dict[str, Any]]:
    """The conversation as a recipient sees it: who said what, when; the conversation id, wherever
    it appears in a reply, is replaced by the recipient's reference."""
    out = []
    for t in turns:
        reply = json.loads(json.dumps(t.reply if isinstance(t.reply, dict) else {}, ensure_ascii=False)
                           .replace(person_id, person_ref))
        out.append({"seq": t.seq, "author": t.author, "channel": t.channel, "user_text": t.user_text,
                    "reply": reply, "at": t.created_at.isoformat() if t.created_at else None})
    return out


def partial_profile(data: dict[str, Any], person_ref: str, language: str = "en") -> dict[str, Any]:
    """A profile-shaped view holding only the disclosed categories (for screens that draw a profile)."""
    view: dict[str, Any] = {"person_id": person_ref, "language": language}
    whole = data.get("profile") or {}
    if whole:
        view.update({k: whole.get(k) for k in ("language", "persona", "experiences", "skills") if whole.get(k) is not None})
    for key in ("experiences", "skills", "interests", "preferences", "region"):
        if data.get(key) is not None:
            view[key] = data[key]
    plan = data.get("plan") or {}
    view.update({k: v for k, v in plan.items() if v is not None})
    return view


class Discloser:
    def __init__(self, sharing: Sharing, profiles: Any, transcripts: Any | None = None):
        self.sharing = sharing
        self.consents = sharing.consents
        self.pseudonyms = sharing.consents.pseudonyms
        self.profiles = profiles
        self.transcripts = transcripts

    def ref(self, recipient_id: str, person_id: str) -> str:
        return self.pseudonyms.ref(recipient_id, person_id)

    def resolve(self, recipient_id: str, person_ref: str) -> str | None:
        return self.pseudonyms.resolve(recipient_id, person_ref)

    def _data(self, person_id: str, person_ref: str, categories: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        profile = self.profiles.get(person_id)
        if profile is not None:
            out.update(profile_payload(profile, categories, person_ref=person_ref))
        if DataCategory.transcript.value in categories and self.transcripts is not None:
            out[DataCategory.transcript.value] = transcript_payload(self.transcripts.history(person_id), person_id,
                                                                    person_ref)
        return out

    def disclose(self, person_id: str, recipient_id: str, *, purposes: Iterable[str] | None = None,
                 wanted: Iterable[DataCategory | str] | None = None, channel: str = "api") -> Disclosure:
        """Disclose to ``recipient_id`` what a consent valid now lets it have, among ``wanted``
        (default: everything the consent covers) and for one of ``purposes`` (default: any purpose
        the recipient reads for)."""
        person_ref = self.ref(recipient_id, person_id)
        wanted_list = [str(DataCategory(c)) for c in wanted] if wanted is not None else None
        try:
            notices = list(self.consents.recipient(recipient_id).notices)
        except ConsentError:
            notices = []
        purpose_list = list(purposes) if purposes is not None else None
        if purpose_list is not None:  # the caller names the purpose (e.g. the chat's statistics share)
            notices = [n for n in notices if n.purpose in purpose_list]
        else:  # a recipient reading: never evidence (it flows in) nor statistics (aggregates only)
            notices = [n for n in notices if n.purpose not in NOT_READABLE]
        purpose = notices[0].purpose if notices else (purpose_list[0] if purpose_list else "none")
        categories: list[str] = []
        for notice in notices:
            consent = self.consents.valid_consent(person_id, recipient_id, notice.purpose, [])
            if consent is None:
                continue
            covered = [str(c) for c in consent.data_categories]
            chosen = covered if wanted_list is None else [c for c in wanted_list if c in covered]
            if chosen:
                purpose, categories = notice.purpose, chosen
                break
        if not categories:  # nothing allowed: the attempt is still logged as refused
            categories = wanted_list or ([str(c) for c in notices[0].data_categories] if notices else ["profile"])
        payload = _LazyPayload(lambda: self._data(person_id, person_ref, categories))
        result = self.sharing.share(person_id, recipient_id, purpose, categories, payload, channel=channel)
        consent = None
        if result.allowed and result.consent_id:
            # the recipient sees the consent under the person's reference, never the conversation id
            consent = self.consents.get(person_id, result.consent_id).model_copy(update={"person_id": person_ref})
        return Disclosure(allowed=result.allowed, person_ref=person_ref, recipient_id=recipient_id, purpose=purpose,
                          categories=result.categories, consent=consent, at=result.at, reason=result.reason,
                          data=(result.payload or {}) if result.allowed else {})


def generic_refusal(language: str = "en") -> str:
    return GENERIC_REFUSAL.get(language, GENERIC_REFUSAL["en"])
