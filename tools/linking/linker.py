"""``SkillLinker``: free text about a person's experience -> ranked ESCO skills (each with the span
of text it comes from) and occupations; job titles -> occupations. English and French.

Pipeline for a text: clauses and 8-word windows -> per window, dense (MiniLM) cosine to every
label and alt label, character n-gram TF-IDF cosine, and description cosine at reduced weight ->
fused, best window per skill -> exact label phrases, label coverage, reuse level, occupation
context and skill-group context (the skills hierarchy) rerank the candidates -> late interaction
(each word piece of a label, weighted by idf, against the word pieces of a window, same model pass)
reranks the 30 best. Occupations combine the windows' match to occupation titles with how well
each occupation's essential/optional skills explain the linked skills. A job title alone also gets
its occupations' O*NET titles (official crosswalk) and late interaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embeddings import gives_token_vectors
from tools.linking.concept_index import ConceptIndex, linking_cache
from tools.linking.crosswalk_titles import CrosswalkTitles
from tools.linking.french_gloss import Lexicon
from tools.linking.fusion import FusionWeights, aggregate, fuse
from tools.linking.implied_skills import ImpliedSkills
from tools.linking.job_titles import clean_title
from tools.linking.language_skills import LanguageSkills
from tools.linking.models import LinkedOccupation, LinkedSkill, LinkResult
from tools.linking.ontology_rerank import OccupationContext, SkillGroupContext, content_stems, reuse_prior
from tools.linking.phrases import naming_a_job
from tools.linking.proposal_rules import (
    about_knowing,
    expert_only,
    knowledge_items,
    managing_others,
    names_a_skilled_trade_or_service_job,
    says_they_led,
)
from tools.linking.spoken_text import Rewritten, Vocabulary, rewrite
from tools.linking.text_windows import Token, Window, tokenize, trimmed, windows

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.embeddings import Embedder
    from knowledge.models import Occupation, Skill

SUPPORTED_LANGUAGES = ("en", "fr")
WINDOW_CHUNK = 32  # windows scored at once: (32 x ~100k label strings) float32 is about 13 MB


@dataclass(frozen=True)
class PersonStyle:
    """What changes when the text is someone telling their own experience in a chat
    (``Rewritten.told_by_a_person``: first person singular or chat forms), not a job ad.

    Measured on the person-style dev sets (30 statements each; en RP@5 26.7 -> 34.7 with the
    rewriting on), while job-ad sentences keep the settings their own dev sets were tuned on:
    - the ranking starts with the list the person is shown: no more than 2 skills from one span
      of their words, no near-duplicates (English preferred labels at cosine 0.7 or more: "work
      in shifts" / "schedule shifts", "handle complaints" / "handle customer complaints");
    - knowledge items sink unless the text is about knowing something, skills about managing
      others unless they say they managed or led someone;
    - transversal and cross-sector skills, and the skills of the occupations the text suggests,
      weigh more (people describe what their job asked of them)."""

    ranked_as_shown: int = 10
    duplicate_cosine: float = 0.7
    max_per_evidence: int = 2
    # a skill and the broader skill it refines are one proposal: the better scored, or the skill rather
    # than the knowledge item ("I speak German": *interact verbally in German*, not *German* too).
    # Person dev en RP@5 35.3 -> 34.7, shown precision 38.3 -> 39.3 (fr unchanged); job ads keep both
    merge_related: bool = True
    # taken off before late interaction; 0.15 / 0.3 and 0.3 / 0.5 measured the same on the dev
    # sets (en RP@5 34.7, MRR 67.4; fr 14.7, 39.5): the stronger ones keep "types of disability"
    # and "coordinate shifts" off the list a person is shown
    knowledge_penalty: float = 0.3
    # ... and are not shown then: "ses médicaments" said word for word is medication handled, not
    # *médicaments* known, and the penalty does not outweigh a word-for-word match. `bench skills
    # --person`: shown en 3.63 -> 3.43 skills a statement, precision 48.8 -> 48.7, recall 22.4 -> 22.1;
    # fr 4.0 -> 3.8, precision 27.0 -> 28.2, recall 10.2 -> 9.7 (the dev gold holds 19 knowledge items in
    # 440, such as *babysitting* for a babysitter); shared evals' skills precision 0.44 -> 0.47
    hide_knowledge: bool = True
    # skills of managing others are not shown either unless the person says they led someone (the issue's
    # rule; the penalty alone let *brief volunteers* through for "im a volunteer"): `bench skills --person`
    # unchanged (en shown 3.87 at precision 48.1, fr 3.9 at 28.2)
    hide_managing: bool = True
    managing_penalty: float = 0.5
    expert_penalty: float = 0.5
    reuse: float = 0.15
    # fewer, right proposals: link_skills shows a skill only when its score is at least this share
    # of the best one's (at least shown_at_least of them). Calibrated on the dev sets' top 10:
    # share 0 / 0.7 / 0.8 / 0.9 -> 10 / 7.3 / 4.8 / 2.1 skills a statement at precision 0.22 /
    # 0.30 / 0.38 / 0.51 in English (French 10 / 7.5 / 5.0 / 2.3 at 0.09 / 0.11 / 0.15 / 0.26)
    # Padding the list up to 3 showed what scored far below the best (*effectuer des manœuvres en
    # vol* for a "manœuvre" whose one clear skill was *monter un échafaudage*): at least 3 / 2 / 1,
    # shown precision en 39.6 / 44.3 / 47.6 at recall 23.2 / 22.7 / 22.2, fr 19.1 / 23.0 / 28.0 at
    # recall 13.1 / 13.1 / 12.6 (4.6 / 4.2 / 4.1 skills a statement in English). 1 lost good skills
    # of a chat's weaker statements (the PC builder's *assemble hardware components*: the agent
    # reads each statement of an experience apart), so 2
    min_share_of_best: float = 0.8
    shown_at_least: int = 2
    # ... and that second one only when it scores 0.7 of the best or more: "football" alone was shown
    # *football* and *golf* (0.35 of it). `bench skills --person`: shown precision en 46.2 -> 47.9,
    # fr 23.4 -> 26.7 at the same recall (0.5: unchanged; 0.6: fr 25.0)
    padded_share_of_best: float = 0.7
    # occupation first: people name or describe their job, and what they did is mostly skills of
    # that occupation. The occupations the text suggests lift their skills before late interaction
    # (occupation_context, 10 occupations), and the skills of the best pool_occupations lift again
    # after it (occupation_pool), weighted by each occupation's margin over the next one. Person dev
    # RP@5 / MRR (halves): context 0.15 -> 0.3: fr 15.3 / 46.9 (10.7, 20.0) -> 17.3 / 48.1 (13.3,
    # 21.3), en 34.7 / 67.4 (37.3, 32.0) -> 35.3 / 65.8 (38.7, 32.0); with the pool at 0.1 of the
    # best 3: fr 18.0 / 46.1 (13.3, 22.7), en 35.3 / 69.6 (38.7, 32.0). Pool 0.05-0.15 of 3-5
    # occupations: fr 17.3-18.0, en 35.3; the pool of the title match alone (fr 16.0), or
    # without the context raised (fr 16.0-17.3, en 34.0-35.3), did no better
    occupation_context: float = 0.3
    occupation_pool: float = 0.1
    pool_occupations: int = 3
    # the job the dialogue knows a statement is about (an experience's title naming an occupation closely):
    # "sortie d'école, goûter, devoirs" told of babysitting had *donner des devoirs* and *goûter des vins*
    outside_held_job: float = 0.5
    # skills a person implies ("c'était le rush", "par tous les temps") or names in everyday words ("doing the
    # till", "plonge le soir"): implied_skills.py; they score at least this share of the best, so that they are shown
    implied_share: float = 0.85


@dataclass(frozen=True)
class LinkerConfig:
    window_words: int = 8
    window_stride: int = 4
    # also match the whole text as one window (up to this many words; 0 = never): measured no
    # better on the dev sets and it pads every window of the batch to the longest, so off
    whole_text_max_words: int = 0
    skills: FusionWeights = field(default_factory=lambda: FusionWeights(dense=1.0, lexical=0.5, description=0.3))
    # a title also matches the first sentences of the occupation's description ("Pre-Sales
    # Consultant" reads like "ICT presales engineers advise ... on sales"): +2.4 MRR on titles
    titles: FusionWeights = field(default_factory=lambda: FusionWeights(dense=0.8, lexical=0.2, description=0.3))
    # a job title (link_titles, not the windows of a longer text) also gets this much of its cosine
    # to the occupation's O*NET titles (official crosswalk, exact and close matches; English), and
    # this much late interaction against the occupation's label on its best candidates: English dev
    # titles MRR 38.7 -> 39.5 with both
    titles_crosswalk: float = 0.1
    titles_late_interaction: float = 0.25
    exact_phrase: float = 0.2
    coverage: float = 0.2
    reuse: float = 0.05
    occupation_context: float = 0.05
    # the skills hierarchy: the groups (level 2 and below) of the best candidates lift their other
    # skills (ontology_rerank.SkillGroupContext): TECH RP@5 76.3 -> 79.9, HOUSE unchanged (66.2),
    # the same at every weight from 0.04 to 0.07 with the best 50 candidates voting
    group_context: float = 0.05
    candidates: int = 200
    # the dense scan skips a label string whose vector has this cosine or more with another string of
    # the same skill or occupation (1.0: scan all): at 0.95 a third fewer skill rows, the same RP@5
    # on both dev sets and MRR within 0.25
    dense_distinct_cosine: float = 0.95
    # the list shown for a text (link_skills/link): at most this many skills per evidence span and
    # no near-duplicate labels (cosine of preferred labels above the threshold), so a long
    # experience shows different skills from its different clauses; rank_all_skills is unaffected
    max_per_evidence: int = 3
    duplicate_cosine: float = 0.8
    merge_related: bool = False  # PersonStyle.merge_related
    # rank_all_skills puts this many skills first in the order link_skills shows them (0 = by score)
    ranked_as_shown: int = 0
    # a statement about a job the dialogue knows (``job=``): job-specific skills no occupation of its ISCO unit
    # group lists are lowered by this much (PersonStyle)
    outside_held_job: float = 0.0
    implied_share: float = 0.0  # PersonStyle.implied_share
    # link_skills shows only skills scoring this share of the best one's or more (0 = top_k always)
    min_share_of_best: float = 0.0
    shown_at_least: int = 3
    padded_share_of_best: float = 0.0
    # the settings for a person's own words (None: the same as for job ads)
    person: PersonStyle | None = field(default_factory=PersonStyle)

    def for_person(self) -> LinkerConfig:
        """These settings with the person-style ones in place."""
        if self.person is None:
            return self
        return replace(self, person=None, **{f.name: getattr(self.person, f.name) for f in fields(self.person)})
    # late interaction (label word pieces against each window's word pieces, late_interaction.py)
    # reranks the best fused candidates: RP@5 HOUSE 55.5 -> 62, TECH 72.9 -> 77 (dev sets); each
    # piece weighs idf ** late_interaction_idf in the label's mean (0 = equal weights): with 0.5 and
    # weight 1.25, HOUSE 62.1 -> 66.2, TECH 77.2 -> 76.3 (HOUSE 66.2 at any weight 1.25-1.75; 1.5
    # gave TECH 77.3 but let one-word labels such as "plan" into the skills a person is shown)
    late_interaction: float = 1.25
    # against French labels (which the English encoder reads poorly, so word pieces in common weigh
    # too much: "déplacer des moules remplis" for "je l'aide à se déplacer et je remplis"): person
    # dev fr MRR 39.5 -> 44.3 (RP@5 14.7 -> 15.3) at 0.5, 44.3 at 0.0
    late_interaction_french: float = 0.5
    late_interaction_idf: float = 0.5
    late_interaction_candidates: int = 30
    context_skills: int = 50
    context_occupations: int = 10
    # infer_occupations: title match of the windows + how well the occupation explains the skills
    occupation_from_title: float = 1.0
    occupation_from_skills: float = 0.35
    # rewrite chat forms, misspellings and conjugated verbs into the labels' words before matching
    # (spoken_text.py); evidence spans still point at the person's own words
    rewrite_spoken: bool = True
    # taken off the score of a skill about managing others when the person never says they
    # managed, supervised or led anyone, and of a knowledge item when the text is not about
    # knowing something (proposal_rules.py)
    # French text is also matched through its English gloss (french_gloss.py: words learnt from
    # ESCO's parallel labels) against the English labels, where the English sentence encoder is
    # strong; this share of the scores comes from the gloss (0 = French labels only)
    french_gloss: float = 0.0
    managing_penalty: float = 0.0
    knowledge_penalty: float = 0.0
    hide_knowledge: bool = False  # PersonStyle.hide_knowledge
    hide_managing: bool = False  # PersonStyle.hide_managing
    # taken off skills only managers, professionals and technicians hold when the text names a job of
    # ISCO major groups 4-9 by its title (title match at least named_job_title); proposal_rules.py
    expert_penalty: float = 0.0
    named_job_title: float = 0.9
    # taken off the skills about a language the text does not name (language_skills.py: "I write
    # the daily care notes" is no *write English*); no change on the dev sets (HOUSE 66.6, TECH 79.9,
    # person en 36.0, fr 18.7), where no statement's top skills were such
    unnamed_language_penalty: float = 0.5
    # the skill of using a language the text says the person speaks, writes or reads ranks level
    # with the best other skill (language_skills.py: "je parle anglais" is *interagir verbalement en
    # anglais*, whose French label shares one word with it), never above what it already scored
    said_language_use: bool = True
    # a described experience (a job title and what the person did there, experience_scores): the
    # title read as a job title, plus this much of the occupations the description suggests (its
    # windows read as job titles and the occupations whose skills explain its skills), each scaled
    # to its best occupation. ROME appellation + definition (200, `bench occupations
    # --from-knowledge rome-fr`): R@10 title alone 52.5, description alone 40.5, 0.25: 55.5,
    # 0.5: 56.0, 1.0: 61.5, 2.0: 61.5 (MRR 42.0 -> 48.7 at 1.0, 41.1 at 2.0)
    experience_description: float = 1.0
    # after late interaction, the skills of the pool_occupations best occupations the text suggests
    # get this much of their share of those occupations (PersonStyle: a person's own words)
    occupation_pool: float = 0.0
    pool_occupations: int = 3
    # ROME job titles left out of the occupation index (the held-out check of `bench occupations
    # --from-knowledge rome-fr`, which reads those very titles as a person's words)
    held_out_titles: frozenset[str] = frozenset()


@dataclass
class SkillAnalysis:
    """Everything computed for one text (reused by skills and occupations)."""

    text: str  # the rewritten text the windows and spans refer to (see ``rewritten``)
    lang: str
    windows: list[Window]
    query_vectors: np.ndarray
    scores: np.ndarray  # final skill scores
    evidence_window: np.ndarray  # per skill, index into windows (-1: exact phrase span)
    phrase_spans: dict[int, tuple[int, int]]
    occupation_scores: np.ndarray | None = None
    rewritten: Rewritten | None = None  # the person's own text and the offsets back to it
    index_lang: str = ""  # the language of the labels matched ("en" for a French text read through its gloss)
    config: LinkerConfig | None = None  # the settings it was analysed with (a person's words or a job ad)
    # skills the person implies (implied_skills.py): told by their own clause, beside what that clause names
    implied: frozenset[int] = frozenset()


class SkillLinker:
    def __init__(self, kb: KnowledgeBase, embedder: Embedder, index: object | None = None, config: LinkerConfig | None = None,
                 side_threads: int = 2):
        self.kb = kb
        self.embedder = embedder
        self.index = index  # the Chroma label index; exact scoring here uses the label matrices
        self.config = config or LinkerConfig()
        self.skill_records = list(kb.skills.values())
        self.occupation_records = list(kb.occupations.values())
        self._skill_position = {s.uri: i for i, s in enumerate(self.skill_records)}
        self._broader: list[frozenset[int]] | None = None
        self._skill_uris = np.array([s.uri for s in self.skill_records], dtype=object)
        self._indexes: dict[tuple[str, str], ConceptIndex] = {}
        self._crosswalk: CrosswalkTitles | None = None
        self._vocabularies: dict[str, Vocabulary] = {}
        self._lexicon: Lexicon | None = None
        self._person_config = self.config.for_person()
        self._held_jobs: dict[tuple[str, str, float], int | None] = {}
        self._lock = threading.Lock()
        # the parts of an analysis that do not depend on the skill scores (the text's character
        # n-grams, its windows read as job titles) run on these threads meanwhile: torch, numpy and
        # scipy release the GIL, so on a second core they overlap (HOUSE p50 -7 ms, same figures)
        self._side_work = ThreadPoolExecutor(max_workers=side_threads, thread_name_prefix="linker-side")
        self._reuse = reuse_prior([s.reuse_level for s in self.skill_records])
        self._managing = managing_others([s.labels.get("en", "") for s in self.skill_records], _job_words(self.occupation_records))
        self._knowledge = knowledge_items([s.skill_type for s in self.skill_records])
        self._implied = ImpliedSkills([s.labels.get("en", "") for s in self.skill_records])
        self._expert = expert_only(_listing_groups(self.occupation_records, self._skill_position, len(self.skill_records)))
        self._specific = np.array([s.reuse_level in ("occupation-specific", "sector-specific") for s in self.skill_records], dtype=bool)
        self._outside_jobs: dict[int, np.ndarray] = {}
        self._languages = LanguageSkills.from_hierarchy(self.skill_records, getattr(kb, "skill_groups", {}))
        self._groups = SkillGroupContext.from_hierarchy(self.skill_records, getattr(kb, "skill_groups", {}))
        # late interaction needs the embedder's token vectors (an embedder without them: fused scores only)
        self._token_vectors = embedder if self.config.late_interaction > 0 and gives_token_vectors(embedder) else None
        self._token_level = self._token_vectors is not None
        self._context = OccupationContext(
            [
                (
                    [self._skill_position[u] for u in o.essential_skills if u in self._skill_position],
                    [self._skill_position[u] for u in o.optional_skills if u in self._skill_position],
                )
                for o in self.occupation_records
            ],
            len(self.skill_records),
        )

    # ---- indexes -------------------------------------------------------------------------------

    def _concepts(self, kind: str, lang: str) -> ConceptIndex:
        lang = lang if lang in SUPPORTED_LANGUAGES else "en"
        key = (kind, lang)
        found = self._indexes.get(key)
        if found is not None:
            return found
        with self._lock:
            if key not in self._indexes:
                if kind == "skills":
                    self._indexes[key] = ConceptIndex.build(self.kb, "skills", self.skill_records, lang, self.embedder, with_descriptions=True,
                                                            with_tokens=self._token_level, distinct_cosine=self.config.dense_distinct_cosine,
                                                            token_idf_power=self.config.late_interaction_idf)
                else:
                    self._indexes[key] = ConceptIndex.build(self.kb, "occupations", self.occupation_records, lang, self.embedder, with_descriptions=True,
                                                            with_tokens=self._token_level and self.config.titles_late_interaction > 0,
                                                            distinct_cosine=self.config.dense_distinct_cosine,
                                                            token_idf_power=self.config.late_interaction_idf,
                                                            held_out=self.config.held_out_titles)
            return self._indexes[key]

    def _crosswalk_titles(self) -> CrosswalkTitles:
        if self._crosswalk is None:
            with self._lock:
                if self._crosswalk is None:
                    directory = getattr(self.kb, "directory", None)
                    cache = linking_cache(directory) if directory is not None else None
                    self._crosswalk = CrosswalkTitles.build(self.kb, self.occupation_records, self.embedder, cache)
        return self._crosswalk

    def vocabulary(self, lang: str) -> Vocabulary:
        """The words of the knowledge base's labels and descriptions in ``lang`` (spoken_text.py)."""
        lang = lang if lang in SUPPORTED_LANGUAGES else "en"
        found = self._vocabularies.get(lang)
        if found is None:
            with self._lock:
                if lang not in self._vocabularies:
                    known = self.embedder.whole_words() if lang == "en" and hasattr(self.embedder, "whole_words") else ()
                    self._vocabularies[lang] = _vocabulary(self.kb, self.skill_records, self.occupation_records, lang, known)
                found = self._vocabularies[lang]
        return found

    def rewrite(self, text: str, lang: str) -> Rewritten:
        """The text in the labels' words (chat forms, misspellings, conjugated verbs), with offsets back."""
        if not self.config.rewrite_spoken:
            return Rewritten.unchanged(text)
        return rewrite(text, lang, self.vocabulary(lang))

    def lexicon(self) -> Lexicon:
        """French -> English words learnt from the concepts' parallel labels (french_gloss.py)."""
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = Lexicon.from_concepts((*self.skill_records, *self.occupation_records))
        return self._lexicon

    def warm_up(self, languages: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
        """Build the per-language indexes and run the model once (first-call latency off the clock)."""
        for lang in languages:
            self._concepts("skills", lang)
            self._concepts("occupations", lang)
            if self.config.rewrite_spoken:
                self.vocabulary(lang)
        if self.config.french_gloss and "fr" in languages:
            self.lexicon()
        if self.config.titles_crosswalk:
            self._crosswalk_titles()
        self.link_skills("warm up the model", lang=languages[0] if languages else "en", top_k=1)

    # ---- skills --------------------------------------------------------------------------------

    def analyse(self, text: str, lang: str = "en", person: bool | None = None, job: str | None = None) -> SkillAnalysis:
        """``person``: the text is someone's own words (a chat message), with the settings for
        them; None: guessed from the text (first person or chat forms), as for imported text.
        ``job``: the title of the job the text is about, when it is told apart ("je faisais aussi les
        inventaires" about "Vendeuse"): read as if the text named that job, when the title names an
        occupation closely (at least ``named_job_title``)."""
        cfg = self.config
        rewritten = self.rewrite(text, lang)
        if rewritten.told_by_a_person if person is None else person:
            cfg = self._person_config
        held = self._held_job(job, lang, cfg) if job else None
        if lang != "fr" or not cfg.french_gloss:
            return self._analyse(rewritten, lang, lang, cfg, held)
        # French: the French text against the French labels, and its English gloss against the
        # English labels, blended (the evidence spans are the French text's)
        french = self._analyse(rewritten, "fr", "fr", cfg, held)
        gloss = self._analyse(self.lexicon().gloss(rewritten), "en", "fr", cfg, held)
        if len(gloss.windows):
            french.scores = (1 - cfg.french_gloss) * french.scores + cfg.french_gloss * gloss.scores
            if french.occupation_scores is not None and gloss.occupation_scores is not None:
                french.occupation_scores = (1 - cfg.french_gloss) * french.occupation_scores + cfg.french_gloss * gloss.occupation_scores
        return french

    def _outside_job(self, occupation: int) -> np.ndarray:
        """Per skill: occupation- or sector-specific, and listed by no occupation of ``occupation``'s ISCO
        unit group (remembered per occupation)."""
        if occupation not in self._outside_jobs:
            group = self.occupation_records[occupation].isco_group
            listed = np.zeros(len(self.skill_records), dtype=bool)
            for record in self.occupation_records:
                if record is self.occupation_records[occupation] or (group and record.isco_group == group):
                    listed[[self._skill_position[u] for u in (*record.essential_skills, *record.optional_skills)
                            if u in self._skill_position]] = True
            if len(self._outside_jobs) >= 256:  # 14 kB each: a long-running server keeps the recent ones
                self._outside_jobs.clear()
            self._outside_jobs[occupation] = self._specific & ~listed
        return self._outside_jobs[occupation]

    def _held_job(self, title: str, lang: str, cfg: LinkerConfig) -> int | None:
        """The occupation a job title names closely enough to read a text about that job by it
        (remembered: each statement of an experience asks for the same title)."""
        key = (title, lang, cfg.named_job_title)
        if key not in self._held_jobs:
            if len(self._held_jobs) >= 1024:
                self._held_jobs.clear()
            self._held_jobs[key] = None
            # the whole title, else without the names after the job that no label holds ("Livreur uber
            # eats", "Vendeuse zara": the job, then whom for)
            words = title.split()
            vocabulary = self.vocabulary(lang)
            while len(words) > 1 and _unknown_word(words[-1], vocabulary):
                words.pop()
            for said in dict.fromkeys((title, " ".join(words))):
                scores = self.title_scores(said, lang)
                best = int(np.argmax(scores)) if len(scores) else -1
                if best >= 0 and scores[best] >= cfg.named_job_title:
                    self._held_jobs[key] = best
                    break
        return self._held_jobs[key]

    def _analyse(self, rewritten: Rewritten, lang: str, shown_lang: str, cfg: LinkerConfig, held: int | None = None) -> SkillAnalysis:
        index = self._concepts("skills", lang)
        text = rewritten.text
        tokens = tokenize(text)
        wins = windows(text, cfg.window_words, cfg.window_stride, tokens)
        if len(tokens) > cfg.whole_text_max_words:
            wins = [w for w in wins if not w.whole] or wins
        n = index.size
        if not wins:
            return SkillAnalysis(text, shown_lang, [], np.zeros((0, self.embedder.dimension), np.float32), np.zeros(n, np.float32), np.zeros(n, np.int64), {},
                                 rewritten=rewritten, index_lang=lang, config=cfg)
        texts = [w.text for w in wins]
        window_tokens: list[np.ndarray] = []
        if self._token_vectors is not None:
            q, window_tokens = self._token_vectors.encode_with_tokens(texts)
        else:
            q = self.embedder.encode(texts)
        local = np.array([not w.whole for w in wins])
        # the windows read as job titles do not depend on the skills: matched on a second core meanwhile
        title_match = self._side_work.submit(self._title_match, text, texts, q, tokens, lang)
        scores, evidence = self._skill_scores(index, texts, q, local)

        phrase_spans: dict[int, tuple[int, int]] = {}
        for hit in index.phrases.find(tokens):
            if hit.concept not in phrase_spans:
                phrase_spans[hit.concept] = (hit.start, hit.end)
        if phrase_spans and cfg.exact_phrase:
            scores[list(phrase_spans)] += cfg.exact_phrase

        k = min(cfg.candidates, n)
        candidates = np.argpartition(-scores, k - 1)[:k] if k else np.zeros(0, np.int64)
        if cfg.coverage:
            scores = scores + cfg.coverage * index.coverage.scores(content_stems(text), candidates, n)
        if cfg.reuse:
            scores = scores + cfg.reuse * self._reuse
        # occupations the text suggests: windows read as job titles, and occupations whose
        # essential/optional skills explain the candidates; their skills then get a lift, as do the
        # skills of the hierarchy's groups the candidates fall in
        group_prior = self._groups.skill_prior(scores, cfg.context_skills) if cfg.group_context else None
        title = title_match.result()
        if held is not None:  # the job this text is about, told apart: as if the text named it
            title = title.copy()
            title[held] = max(float(title[held]), 1.0)
        occupation_scores = self._occupation_evidence(title, scores)
        if cfg.occupation_context:
            scores = scores + cfg.occupation_context * self._context.skill_prior(occupation_scores, cfg.context_occupations)
        if group_prior is not None:
            scores = scores + cfg.group_context * group_prior
        # before late interaction, so that what sinks here also leaves its candidates
        if cfg.managing_penalty and not says_they_led(rewritten.original, shown_lang):
            scores[self._managing] -= cfg.managing_penalty
        if cfg.knowledge_penalty and not about_knowing(rewritten.original, shown_lang):
            scores[self._knowledge] -= cfg.knowledge_penalty
        if cfg.unnamed_language_penalty:
            scores[self._languages.unnamed(rewritten.original)] -= cfg.unnamed_language_penalty
        if held is not None and cfg.outside_held_job:
            # what the person did in the job they told: a job-specific skill no occupation of its ISCO unit
            # group lists sinks, unless said word for word (a courier's *vendre des livres* from "livreur",
            # a babysitter's *goûter des vins* from "goûter", a warehouse worker's *breed stock*)
            outside = self._outside_job(held).copy()
            outside[list(phrase_spans)] = False
            scores[outside] -= cfg.outside_held_job
        if cfg.expert_penalty and len(title) and title.max() >= cfg.named_job_title:
            named = self.occupation_records[int(np.argmax(title))]
            if names_a_skilled_trade_or_service_job(named.code):
                scores[self._expert] -= cfg.expert_penalty
        if window_tokens and index.label_tokens is not None:
            best = _top(scores, cfg.late_interaction_candidates)
            local_tokens = [t for t, w in zip(window_tokens, wins) if not w.whole] or window_tokens
            weight = cfg.late_interaction_french if lang == "fr" else cfg.late_interaction
            scores[best] += weight * index.label_tokens.scores(best, local_tokens)
        if cfg.occupation_pool:  # occupation first: the skills of the job the text is about
            scores = scores + cfg.occupation_pool * self._context.skill_prior(occupation_scores, cfg.pool_occupations)
        said = self._languages.said(rewritten.original) if cfg.said_language_use else []
        if said:
            others = np.where(self._languages.language_of < 0, scores, -np.inf)
            best_other = float(others.max())
            if np.isfinite(best_other):
                scores[said] = np.maximum(scores[said], best_other)
        raised: set[int] = set()  # skills the person implies, lifted by what implies them
        if cfg.implied_share:
            implied = self._implied.said(rewritten.original, shown_lang)
            raised = self._implied.lift(scores, implied, cfg.implied_share)
            for position, said_span in implied:
                span = rewritten.rewritten_span(*said_span)
                if span is not None and position in raised:
                    phrase_spans.setdefault(position, span)
        return SkillAnalysis(text, shown_lang, wins, q, scores, evidence, phrase_spans, occupation_scores, rewritten, lang, cfg,
                             frozenset(raised))

    def _skill_scores(self, index: ConceptIndex, texts: list[str], q: np.ndarray, local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Best fused score of each skill over the windows and the window it comes from, computed
        in chunks of windows so that a long text (a whole CV) stays within memory."""
        found: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # best score, its window, best clause score
        for start in range(0, len(texts), WINDOW_CHUNK):
            part = slice(start, start + WINDOW_CHUNK)
            lexical = self._side_work.submit(_lexical_scores, index, texts[part])
            dense = index.dense_strings.pool_max(index.dense.scores(q[part]))
            description = index.descriptions.scores(q[part]) if index.descriptions is not None else None
            fused = fuse(dense, lexical.result(), description, self.config.skills)
            chunk_best, chunk_evidence = aggregate(fused, local[part])
            chunk_evidence = chunk_evidence + start
            # evidence prefers clause windows: rank a chunk's evidence by its best clause score
            chunk_local = fused[local[part]].max(axis=0) if local[part].any() else np.full(fused.shape[1], -np.inf, np.float32)
            if found is None:
                found = (chunk_best, chunk_evidence, chunk_local)
            else:
                best, evidence, best_local = found
                better = chunk_local > best_local
                found = (np.maximum(best, chunk_best), np.where(better, chunk_evidence, evidence),
                         np.maximum(best_local, chunk_local))
        if found is None:  # analyse() returns before scoring a text with no windows
            raise ValueError("no windows to score")
        return found[0], found[1]

    def link_skills(self, text: str, lang: str = "en", top_k: int = 10, person: bool | None = None,
                    job: str | None = None) -> list[LinkedSkill]:
        """The ``top_k`` ESCO skills the text expresses, best first, each with its evidence span
        (``person``, ``job``: as :meth:`analyse`)."""
        analysis = self.analyse(text, lang, person, job)
        return self._skills_from(analysis, top_k)

    def link(self, text: str, lang: str = "en", top_k: int = 10, top_occupations: int = 5) -> LinkResult:
        """Skills and occupations from one analysis of the text (one model call)."""
        analysis = self.analyse(text, lang)
        skills = self._skills_from(analysis, top_k)
        scores = self._occupation_scores_from(analysis)
        occupations = self._occupations_from(scores, lang, top_occupations) if scores is not None else []
        return LinkResult(skills=skills, occupations=occupations)

    def rank_all_skills(self, text: str, lang: str = "en", person: bool | None = None) -> list[str]:
        """Every skill URI ranked for the text (benchmarks): the list a person is shown first
        (:meth:`link_skills`, ``ranked_as_shown`` of them), then every other skill by score."""
        analysis = self.analyse(text, lang, person)
        order = np.argsort(-analysis.scores, kind="stable")
        cfg = analysis.config or self.config
        if cfg.ranked_as_shown and analysis.windows:
            index = self._concepts("skills", analysis.index_lang or analysis.lang)
            shown = [i for i, _ in self._diverse_top(analysis, index, cfg.ranked_as_shown)]
            taken = np.zeros(len(order), dtype=bool)
            taken[shown] = True
            order = np.concatenate([np.array(shown, dtype=np.int64), order[~taken[order]]])
        ranked: list[str] = self._skill_uris[order].tolist()
        return ranked

    def _skills_from(self, analysis: SkillAnalysis, top_k: int) -> list[LinkedSkill]:
        if not analysis.windows or top_k <= 0:
            return []
        index = self._concepts("skills", analysis.index_lang or analysis.lang)
        cfg = analysis.config or self.config
        # a calibrated list holds only what the filters let through: filling a long list (the chat asks
        # for 4x what it shows) with what they left out put the near-duplicates and the third skill of
        # one span back above the threshold (*provide professional care in nursing* beside *implement
        # nursing care* and *support nurses*, all from "care assistant in a nursing home")
        # knowledge items are not shown unless the person speaks of knowing, or only names a field ("football");
        # skills of managing others unless they say they led someone
        said = analysis.rewritten.original if analysis.rewritten is not None else ""
        hidden = np.zeros(len(self.skill_records), dtype=bool)
        if cfg.hide_knowledge and len(said.split()) > 3 and not about_knowing(said, analysis.lang):
            hidden |= self._knowledge
        if cfg.hide_managing and said and not says_they_led(said, analysis.lang):
            hidden |= self._managing

        def top(fill: bool) -> list[tuple[int, tuple[int, int]]]:
            if not hidden.any():
                return self._diverse_top(analysis, index, top_k, fill=fill)
            picked = self._diverse_top(analysis, index, 2 * top_k, fill=fill)
            return ([c for c in picked if not hidden[c[0]]] or picked)[:top_k]

        chosen = top(fill=not cfg.min_share_of_best)
        if len(chosen) < min(top_k, cfg.shown_at_least):
            # padded up to the minimum only: the whole filled list let the near-duplicates and the rest of one
            # span back in ("sports n being outside" was shown 9 skills once its knowledge items were hidden)
            chosen = top(fill=True)[:max(len(chosen), cfg.shown_at_least) if cfg.min_share_of_best else top_k]
        if cfg.min_share_of_best and chosen:
            best = float(analysis.scores[chosen[0][0]])
            if best > 0:
                chosen = [c for k, c in enumerate(chosen)
                          if (k < cfg.shown_at_least and analysis.scores[c[0]] >= cfg.padded_share_of_best * best)
                          or analysis.scores[c[0]] >= cfg.min_share_of_best * best]
        out: list[LinkedSkill] = []
        for i, span in chosen:
            record = self.skill_records[i]
            start, end = analysis.rewritten.original_span(*span) if analysis.rewritten is not None else span
            said = analysis.rewritten.original if analysis.rewritten is not None else analysis.text
            start, end = trimmed(said, start, end)
            evidence = said[start:end]
            out.append(
                LinkedSkill(
                    uri=record.uri,
                    label=record.label(analysis.lang),
                    score=round(float(analysis.scores[i]), 4),
                    skill_type=record.skill_type,
                    reuse_level=record.reuse_level,
                    evidence=evidence,
                    evidence_start=start,
                    evidence_end=end,
                    matched_label=self._matched_label(index, int(i), analysis),
                )
            )
        return out

    def _span(self, analysis: SkillAnalysis, i: int) -> tuple[int, int]:
        if i in analysis.phrase_spans:
            return analysis.phrase_spans[i]
        w = analysis.windows[int(analysis.evidence_window[i])]
        return w.start, w.end

    def _diverse_top(self, analysis: SkillAnalysis, index: ConceptIndex, top_k: int,
                     fill: bool = True) -> list[tuple[int, tuple[int, int]]]:
        """The ``top_k`` skills to show and their spans, best first: those the filters let through (at
        most ``max_per_evidence`` a span, no near-duplicate, a skill or the broader one it refines),
        filled up (with ``fill``), when they are fewer than ``top_k``, with what the filters left out."""
        cfg = analysis.config or self.config
        pool = _top(analysis.scores, max(top_k * 20, 200))
        # near-duplicates by their English labels, where the sentence encoder tells meanings apart
        # (French labels all read alike to it: in French this left out right answers)
        vectors = self._concepts("skills", "en").preferred_vectors
        broader = self._broader_skills() if cfg.merge_related else None

        def refines(a: int, b: int) -> bool:  # one of the two skills is the broader skill of the other
            return broader is not None and (a in broader[b] or b in broader[a])

        chosen: list[tuple[int, tuple[int, int]]] = []
        per_span: dict[tuple[int, int], int] = {}
        merged: set[int] = set()  # said by a related skill shown instead ("German" by "interact verbally in German")
        for i in pool:
            span = self._span(analysis, int(i))
            # a skill and the broader one it refines say the same thing: one is shown, the better scored
            # unless only the other is a skill rather than a knowledge item ("I speak German": *interact
            # verbally in German*, not *German*)
            related = next((k for k, (c, _) in enumerate(chosen) if refines(int(i), c)), None)
            if related is not None:
                old, old_span = chosen[related]
                if self._knowledge[old] and not self._knowledge[int(i)]:
                    chosen[related] = (int(i), span)
                    per_span[old_span] -= 1
                    per_span[span] = per_span.get(span, 0) + 1
                    merged.add(old)
                else:
                    merged.add(int(i))
                continue
            if per_span.get(span, 0) >= cfg.max_per_evidence and int(i) not in analysis.implied:
                continue
            if chosen and cfg.duplicate_cosine < 1.0:
                # the same activity in two languages is two skills (*interact verbally in English*, *... in German*)
                language = self._languages.language_of[i]
                alike = [c for c, _ in chosen if language < 0 or self._languages.language_of[c] in (-1, language)]
                if alike and (vectors[alike] @ vectors[i]).max() > cfg.duplicate_cosine:
                    continue
            chosen.append((int(i), span))
            per_span[span] = per_span.get(span, 0) + 1
            if len(chosen) == top_k:
                break
        if fill and len(chosen) < top_k:  # fill up with what the filters left out, best first
            taken = {c for c, _ in chosen}
            for i in pool:
                if len(chosen) == top_k:
                    break
                if int(i) in taken or int(i) in merged or any(refines(int(i), c) for c in taken):
                    continue
                chosen.append((int(i), self._span(analysis, int(i))))
                taken.add(int(i))
        # best first: a skill shown instead of the one it refines takes that one's place, not its own
        chosen.sort(key=lambda item: -analysis.scores[item[0]])
        return chosen

    def _broader_skills(self) -> list[frozenset[int]]:
        """Per skill, the skills (not groups) ESCO lists as its broader concepts, built on first use."""
        if self._broader is None:
            self._broader = [frozenset(self._skill_position[u] for u in self.kb.broader(s.uri) if u in self._skill_position)
                             for s in self.skill_records]
        return self._broader

    def _matched_label(self, index: ConceptIndex, concept: int, analysis: SkillAnalysis) -> str:
        """The label or alt label of the skill closest to its evidence window."""
        rows = np.flatnonzero(index.strings.owner == concept).tolist()
        texts = index.strings.texts
        if len(rows) == 0:
            return ""
        if len(rows) == 1 or concept in analysis.phrase_spans:
            if concept in analysis.phrase_spans:
                start, end = analysis.phrase_spans[concept]
                wanted = analysis.text[start:end].lower()
                for r in rows:
                    if texts[r].lower() == wanted:
                        return texts[r]
            return texts[rows[0]]
        q = analysis.query_vectors[int(analysis.evidence_window[concept])]
        return texts[rows[int(np.argmax(index.vectors[rows] @ q))]]

    # ---- occupations ---------------------------------------------------------------------------

    def _title_scores(self, texts: list[str], q: np.ndarray, lang: str) -> np.ndarray:
        index = self._concepts("occupations", lang)
        dense = index.dense_strings.pool_max(index.dense.scores(q))
        lexical = _lexical_scores(index, texts)
        description = index.descriptions.scores(q) if index.descriptions is not None and self.config.titles.description else None
        return fuse(dense, lexical, description, self.config.titles)

    def infer_occupations(self, text: str, lang: str = "en", top_k: int = 10) -> list[LinkedOccupation]:
        """ESCO occupations the text suggests: its windows read as job titles, plus the occupations
        whose essential/optional skills best explain the skills linked in it."""
        scores = self.occupation_scores(text, lang)
        if scores is None:
            return []
        return self._occupations_from(scores, lang, top_k)

    def occupation_scores(self, text: str, lang: str = "en") -> np.ndarray | None:
        return self._occupation_scores_from(self.analyse(text, lang))

    def _occupation_scores_from(self, analysis: SkillAnalysis) -> np.ndarray | None:
        if not analysis.windows:
            return None
        return analysis.occupation_scores

    def _title_match(self, text: str, texts: list[str], q: np.ndarray, tokens: list[Token], lang: str) -> np.ndarray:
        """How well each occupation's title matches the text: its best window read as a job title,
        1.0 where the text names the job by its label word for word."""
        index = self._concepts("occupations", lang)
        title: np.ndarray = np.max(
            [self._title_scores(texts[i : i + WINDOW_CHUNK], q[i : i + WINDOW_CHUNK], lang).max(axis=0) for i in range(0, len(texts), WINDOW_CHUNK)],
            axis=0,
        )
        for hit in naming_a_job(index.phrases.find(tokens), text, tokens, index.head_words, lang):
            title[hit.concept] = max(title[hit.concept], 1.0)  # the occupation's own label, word for word
        return title

    def _occupation_evidence(self, title: np.ndarray, skill_scores: np.ndarray) -> np.ndarray:
        cfg = self.config
        skills = self._context.occupation_scores(skill_scores, top=min(cfg.context_skills, len(skill_scores)))
        peak = skills.max()
        skills = skills / peak if peak > 0 else skills
        return cfg.occupation_from_title * title + cfg.occupation_from_skills * skills

    def named_occupations(self, text: str, lang: str = "en") -> list[str]:
        """The occupations ``text`` names by one of their labels word for word, accents typed or not
        ("g aussi fait caissiere chez carrefour": *hôte de caisse*), in the order named."""
        said = self.rewrite(text, lang).text if lang == "fr" else text
        index = self._concepts("occupations", lang)
        tokens = tokenize(said)
        hits = sorted(naming_a_job(index.phrases.find(tokens), said, tokens, index.head_words, lang), key=lambda h: h.start)
        return list(dict.fromkeys(self.occupation_records[h.concept].uri for h in hits))

    def experience_scores(self, title: str, description: str, lang: str = "en") -> np.ndarray | None:
        """Scores of every occupation for an experience told as a job title and a description:
        the title's own match (as :meth:`title_scores`) plus the description's evidence, each scaled
        to its best occupation so that neither drowns the other."""
        parts = []
        if title.strip():
            parts.append((1.0, self.title_scores(title, lang)))
        if description.strip():
            described = self.occupation_scores(description, lang)
            if described is not None:
                parts.append((self.config.experience_description if parts else 1.0, described))
        if not parts:
            return None
        total = np.zeros(len(self.occupation_records), dtype=np.float32)
        for weight, scores in parts:
            peak = float(scores.max())
            total += weight * (scores / peak if peak > 0 else scores)
        return total

    def link_experience(self, title: str, description: str, lang: str = "en", top_k: int = 10) -> list[LinkedOccupation]:
        """ESCO occupations for a job title and a description of what the person did, best first."""
        scores = self.experience_scores(title, description, lang)
        return self._occupations_from(scores, lang, top_k) if scores is not None else []

    def link_titles(self, title: str, lang: str = "en", top_k: int = 10) -> list[LinkedOccupation]:
        """ESCO occupations for a job title, best first."""
        scores = self.title_scores(title, lang)
        return self._occupations_from(scores, lang, top_k)

    def title_scores(self, title: str, lang: str = "en") -> np.ndarray:
        scores: np.ndarray = self.title_scores_batch([title], lang)[0]
        return scores

    def title_scores_batch(self, titles: list[str], lang: str = "en") -> np.ndarray:
        """Scores of every occupation for each title, shape (n_titles, n_occupations); one model
        call for the batch (bulk matching, benchmarks)."""
        cfg = self.config
        cleaned = [clean_title(t, lang) for t in titles]
        if lang == "fr":  # accents typed without them: "livreur a velo" is *coursier à vélo*
            cleaned = [self.rewrite(t, lang).text for t in cleaned]
        index = self._concepts("occupations", lang)
        label_tokens = index.label_tokens  # built only with an embedder that gives token vectors
        tokens: list[np.ndarray] = []
        if label_tokens is not None and self._token_vectors is not None:
            q, tokens = self._token_vectors.encode_with_tokens(cleaned)
        else:
            q = self.embedder.encode(cleaned)
        scores = self._title_scores(cleaned, q, lang)
        if cfg.titles_crosswalk and lang == "en":  # O*NET titles are English
            scores += cfg.titles_crosswalk * self._crosswalk_titles().scores(q)
        if label_tokens is not None:
            for row, title_tokens in zip(scores, tokens):  # late interaction on each title's best candidates
                best = _top(row, cfg.late_interaction_candidates)
                row[best] += cfg.titles_late_interaction * label_tokens.scores(best, [title_tokens])
        return scores

    def _occupations_from(self, scores: np.ndarray, lang: str, top_k: int) -> list[LinkedOccupation]:
        out = []
        for i in _top(scores, top_k):
            record = self.occupation_records[i]
            out.append(
                LinkedOccupation(
                    uri=record.uri,
                    label=record.label(lang),
                    code=record.code,
                    score=round(float(scores[i]), 4),
                    rome_codes=list(self._rome_codes(record)),
                )
            )
        return out

    def _rome_codes(self, record: Occupation) -> list[str]:
        if record.rome_codes:
            return list(record.rome_codes)
        matches = getattr(self.kb, "esco_to_rome", {}).get(record.uri, [])
        return list(dict.fromkeys(m.code for m in matches))

    @property
    def occupation_uris(self) -> list[str]:
        return [o.uri for o in self.occupation_records]


def _vocabulary(kb: KnowledgeBase, skills: list[Skill], occupations: list[Occupation], lang: str,
                known: Iterable[str] = ()) -> Vocabulary:
    """Labels (action phrases: their first words are the verbs' infinitives) and descriptions in
    ``lang``; in French also ROME's job titles, compétences, savoirs and definitions."""
    labels: list[str] = []
    descriptions: list[str] = []
    records: list[Skill | Occupation] = [*skills, *occupations]
    for record in records:
        if lang in record.labels:
            labels.append(record.labels[lang])
        labels.extend(record.alt_labels.get(lang, ()))
        if lang in record.description:
            descriptions.append(record.description[lang])
    if lang == "fr":
        for rome in getattr(kb, "rome", {}).values():
            labels.extend(item.label for item in rome.competences)
            descriptions.extend(item.label for item in rome.savoirs)
            descriptions.extend(a.label for a in rome.appellations)
            descriptions.append(rome.definition)
    return Vocabulary.build(labels, descriptions, lang, known)


def _listing_groups(occupations: list[Occupation], position: dict[str, int], n_skills: int) -> list[set[str]]:
    """Per skill, the ISCO major groups (first digit of the ESCO code) of the occupations listing it."""
    groups: list[set[str]] = [set() for _ in range(n_skills)]
    for record in occupations:
        if not record.code:
            continue
        for uri in (*record.essential_skills, *record.optional_skills):
            if uri in position:
                groups[position[uri]].add(record.code[0])
    return groups


def _job_words(occupations: list[Occupation]) -> frozenset[str]:
    """The last word of every English occupation's preferred label ("cashier", "assistant")."""
    return frozenset(record.labels["en"].lower().split()[-1] for record in occupations if record.labels.get("en", "").split())


def _lexical_scores(index: ConceptIndex, texts: list[str]) -> np.ndarray:
    """Each concept's best character n-gram TF-IDF cosine to each text, (n_texts, n_concepts)."""
    return index.strings.pool_max(index.lexical.scores(texts))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def _unknown_word(word: str, vocabulary: Vocabulary) -> bool:
    """``word`` is in none of the language's labels and descriptions, accents aside: a name ("uber",
    "zara", "mcdo")."""
    lower = word.lower().strip(",.;:!?()\"'")
    return lower.isalpha() and not vocabulary.knows(lower)
