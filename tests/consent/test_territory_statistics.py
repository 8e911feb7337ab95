"""Territory statistics: only consenting people, k >= 10, no small cell leaks (primary and
complementary suppression), CSV and JSON."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tools.consent import ConsentService
from tools.sharing import Sharing
from tools.statistics import NO_TARGET, StatisticsService, to_csv

T0 = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)  # 2026-Q2
NOTICE = "demo-statistics:territory_statistics:v1"
SK = [f"http://data.europa.eu/esco/skill/{i:08d}-aaaa-4000-8000-000000000000" for i in range(4)]
OCC = [f"http://data.europa.eu/esco/occupation/{i:08d}-bbbb-4000-8000-000000000000" for i in range(4)]


def _people(consents: ConsentService, stats: StatisticsService, region: str, rows: list[tuple[list[str], str | None]],
            consent: bool = True) -> list[str]:
    ids = []
    for skills, target in rows:
        pid = f"p-{uuid.uuid4().hex[:12]}"
        if consent:
            consents.give(pid, NOTICE, now=T0)
        stats.contribute(pid, region, skills, target, now=T0)
        ids.append(pid)
    return ids


def test_only_consenting_people_and_groups_of_k(consents: ConsentService):
    stats = StatisticsService(Sharing(consents), k=10)
    ids = _people(consents, stats, "Bretagne", [([SK[0], SK[1]], OCC[0])] * 12)
    _people(consents, stats, "Bretagne", [([SK[0]], OCC[0])] * 5, consent=False)  # never counted
    _people(consents, stats, "Corse", [([SK[0]], OCC[1])] * 9)  # group below k: not published
    result = stats.aggregate(now=T0 + timedelta(hours=1))
    assert [(g.region, g.period, g.contributors) for g in result.groups] == [("Bretagne", "2026-Q2", 12)]
    assert result.suppressed_groups == 1
    group = result.groups[0]
    assert {c.uri: c.count for c in group.skills} == {SK[0]: 12, SK[1]: 12}
    assert {c.uri: c.count for c in group.targets} == {OCC[0]: 12}
    # revoking takes people out of every later figure: 12 - 3 = 9 < k
    for pid in ids[:3]:
        consents.revoke_all(pid, now=T0 + timedelta(hours=2))
    assert stats.aggregate(now=T0 + timedelta(hours=3)).groups == []
    # every contribution went through sharing, so the share log shows it
    assert Sharing(consents).shared_recipient_kinds(ids[0]) == {"statistics"}


def test_complementary_suppression_hides_a_lone_small_target_cell(sqlite_consents: ConsentService):
    stats = StatisticsService(Sharing(sqlite_consents), k=10)
    # 25 people: 12 target A, 10 target B, 3 target C -> C is suppressed; with only C hidden, 25-12-10 = 3 would
    # reveal it, so the smallest other cell (B) is hidden too.
    _people(sqlite_consents, stats, "Occitanie",
            [([SK[0]], OCC[0])] * 12 + [([SK[0]], OCC[1])] * 10 + [([SK[0], SK[1]], OCC[2])] * 3)
    g = stats.aggregate(now=T0).groups[0]
    assert g.contributors == 25
    assert {c.uri: c.count for c in g.targets} == {OCC[0]: 12}
    assert g.suppressed_target_cells == 2
    # SK[0]: everyone (25) -> shown; SK[1]: 3 people -> hidden
    assert {c.uri: c.count for c in g.skills} == {SK[0]: 25}
    text = to_csv(stats.aggregate(now=T0))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["dimension"], r["uri"], r["count"]) for r in rows} == {("skill", SK[0], "25"), ("target_occupation", OCC[0], "12")}
    assert OCC[2] not in text and OCC[1] not in text and SK[1] not in text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(st.lists(st.sampled_from(SK), unique=True, max_size=4),
                               st.one_of(st.none(), st.sampled_from(OCC))), min_size=8, max_size=40))
def test_no_published_figure_reveals_a_group_smaller_than_k(sqlite_consents: ConsentService, rows):
    k = 5
    stats = StatisticsService(Sharing(sqlite_consents), k=k)
    region = f"r-{uuid.uuid4().hex[:8]}"
    _people(sqlite_consents, stats, region, rows)
    result = stats.aggregate(region=region, now=T0)
    n = len(rows)
    if n < k:
        assert result.groups == []
        return
    (g,) = result.groups
    assert g.contributors == n
    true_skills = Counter(u for skills, _ in rows for u in set(skills))
    for cell in g.skills:
        assert cell.count == true_skills[cell.uri]  # published figures are exact ...
        assert cell.count >= k and (n - cell.count == 0 or n - cell.count >= k)  # ... and never single out < k
    true_targets = Counter(t or NO_TARGET for _, t in rows)
    published = {c.uri: c.count for c in g.targets}
    for uri, count in published.items():
        assert count == true_targets[uri] and count >= k
    hidden = {u: c for u, c in true_targets.items() if u not in published}
    # what can be derived (total minus published) is either nothing or at least k people over >= 2 cells
    assert sum(hidden.values()) == 0 or (sum(hidden.values()) >= k and len(hidden) >= 2)
    assert g.suppressed_target_cells == len(hidden)
    assert result.model_dump_json()  # JSON form


def test_a_share_of_a_profile_to_a_statistics_recipient_is_counted(sqlite_consents: ConsentService):
    """The dialogue shares ``profile_payload(profile, ...)`` with the statistics recipient: that share
    is the contribution (confirmed skills only, the target's URI, the region)."""
    from tools.profile.models import Profile, ProfileSkill, SkillState, Target
    from tools.sharing import profile_payload

    sharing = Sharing(sqlite_consents)
    stats = StatisticsService(sharing, k=2)
    for i in range(2):
        pid = f"p-profile-{i}"
        profile = Profile(person_id=pid, region="Hauts-de-France", target=Target(uri=OCC[3], label="x"),
                          skills=[ProfileSkill(uri=SK[0], label="a", state=SkillState.confirmed),
                                  ProfileSkill(uri=SK[1], label="b", state=SkillState.rejected)])
        consent = sqlite_consents.give(pid, NOTICE, now=T0)
        cats = [str(c) for c in consent.data_categories]
        assert sharing.share(pid, "demo-statistics", "territory_statistics", cats, profile_payload(profile, cats),
                             now=T0).allowed
    (g,) = stats.aggregate(now=T0).groups
    assert (g.region, g.contributors) == ("Hauts-de-France", 2)
    assert {c.uri: c.count for c in g.skills} == {SK[0]: 2}
    assert {c.uri: c.count for c in g.targets} == {OCC[3]: 2}
