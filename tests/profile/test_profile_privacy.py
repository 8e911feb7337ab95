"""The profile store in the privacy registry (tools.privacy): export and erase everything."""

from pathlib import Path

from profile_samples import full_profile

from channels.services import Services
from channels.settings import Settings


def test_profiles_are_exported_and_erased_with_everything_else(tmp_path: Path):
    services = Services(Settings(storage_dir=tmp_path / "var"))
    try:
        services.profiles.save(full_profile("person-1"))
        services.profiles.save(full_profile("person-2"))
        registry = services.privacy
        assert "profiles" in registry.names

        export = registry.export_all("person-1")
        assert export["stores"]["profiles"]["profile"]["person_id"] == "person-1"
        assert "Serveuse" in registry.summary("person-1", "fr")

        report = registry.erase_all("person-1")
        assert report.removed["profiles"] == 1
        assert report.remaining["profiles"] == 0
        assert services.profiles.get("person-1") is None
        assert services.profiles.get("person-2") is not None  # only that person
        assert registry.export_all("person-1")["stores"]["profiles"] == {"profile": None}
    finally:
        services.database.dispose()
