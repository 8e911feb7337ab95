"""The web chat and the counsellor console in Debian's Chromium (Selenium): a chat from greeting to
plan on a phone-sized and a desktop window, the profile and gap pictures, escaping of HTML in
messages, and the console's login, person file, validation and notes. Screenshots: var/screenshots."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from channel_consents import grant
from channel_driver import run_to_end
from channel_user import TARGET_WITH_COURSES, ScriptedUser
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from agent.language_leaks import elision_errors, english_words
from tools.counselling.accounts import DEMO_PASSWORD, DEMO_USERNAME

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = (390, 844)
DESKTOP = (1366, 900)


def _wait(driver: webdriver.Chrome, seconds: int) -> WebDriverWait:
    """A wait that retries when the page re-renders the element between finding and reading it."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


@pytest.fixture(scope="module")
def chrome() -> Iterator[webdriver.Chrome]:
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.fail("chromium / chromedriver missing: run scripts/install-browser.sh (scripts/test.sh does)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=en-US",
                "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def _size(driver: webdriver.Chrome, size: tuple[int, int]) -> None:
    driver.set_window_size(*size)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(size[0] * 2 - inner[0], size[1] * 2 - inner[1])


def _agent_count(driver) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, "#messages .msg-agent:not(.streaming)"))


def _wait_turn(driver, before: int) -> dict:
    # a plan turn (gap, trainings, jobs) can take a while on a loaded test machine
    _wait(driver, 180).until(
        lambda d: _agent_count(d) > before and not d.execute_script("return document.body.classList.contains('busy')")
    )
    return driver.execute_script("return window.OrientChat.lastReply()")


def _fetch_text(driver, url: str) -> str:
    """A same-origin GET made by the page (its cookies included), as the person's browser would."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done)"
        ".catch(function (e) { done('ERROR ' + e); });", url)


def _shot(driver, name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def _chat_to_the_end(driver, live, size_name: str) -> str:
    driver.execute_script("try { localStorage.clear(); } catch (e) {}")
    driver.get(f"{live.url}/?lang=en")
    driver.execute_script("localStorage.clear();")
    driver.get(f"{live.url}/?lang=en")
    reply = _wait_turn(driver, 0)
    _shot(driver, f"chat-{size_name}-1-greeting")
    user = ScriptedUser(target=TARGET_WITH_COURSES)
    shots = {"skill_confirmation": "2-skills", "target_choice": "3-moves", "share_consent": "4-consent"}
    for _ in range(45):
        if reply["finished"] or reply["expecting"] == "end":
            break
        if reply["expecting"] in shots:
            _shot(driver, f"chat-{size_name}-{shots.pop(reply['expecting'])}")
        if reply["expecting"] == "target_choice":  # a move says how much of the job's core the person has
            shown = " ".join(c.text for c in driver.find_elements(By.CSS_SELECTOR, "#messages .card-move"))
            assert "Core skills you have" in shown and "match:" not in shown.lower(), shown
        text, index = user.answer(reply)
        before = _agent_count(driver)
        buttons = driver.find_elements(By.CSS_SELECTOR, "#quick-replies button.quick")
        if index is not None and index < len(buttons):
            assert buttons[index].get_attribute("data-value") == text
            buttons[index].click()
        else:
            box = driver.find_element(By.ID, "message")
            box.send_keys(text)
            driver.find_element(By.ID, "send").click()
        reply = _wait_turn(driver, before)
    else:
        raise AssertionError("the web chat did not reach the end")
    _shot(driver, f"chat-{size_name}-5-end")
    return driver.execute_script("return window.OrientChat.conversation()")


def _check_pictures(driver, size_name: str) -> None:
    if driver.find_element(By.ID, "tab-profile").is_displayed():
        driver.find_element(By.ID, "tab-profile").click()
    _wait(driver, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#profile-picture svg g.skill-pill")) >= 3)
    pills = driver.find_elements(By.CSS_SELECTOR, "#profile-picture svg g.skill-pill")
    levels = {p.get_attribute("data-level") for p in pills}
    assert levels <= {"declared", "inferred", "validated_by_counsellor", "evidenced", "certified"}
    box = driver.find_element(By.CSS_SELECTOR, "#profile-picture svg").rect
    assert box["width"] > 200 and box["height"] > 40
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", pills[0])
    evidence = driver.find_element(By.ID, "evidence")
    _wait(driver, 5).until(lambda d: evidence.is_displayed())
    assert evidence.find_element(By.TAG_NAME, "h3").text.strip()
    assert driver.find_elements(By.CSS_SELECTOR, "#gap-picture svg rect[class^='gap-']"), "gap picture missing"
    assert driver.find_elements(By.CSS_SELECTOR, "#plan-cards .card-course"), "training cards missing"
    _shot(driver, f"chat-{size_name}-6-profile")
    driver.execute_script("document.getElementById('gap-picture').scrollIntoView({behavior: 'instant', block: 'start'})")
    _shot(driver, f"chat-{size_name}-7-gap-and-plan")


@pytest.mark.parametrize("size_name,size", [("phone", PHONE), ("desktop", DESKTOP)])
def test_chat_from_greeting_to_plan(chrome, live, size_name, size):
    _size(chrome, size)
    conversation_id = _chat_to_the_end(chrome, live, size_name)
    assert conversation_id.startswith("web-")
    assert chrome.find_elements(By.CSS_SELECTOR, "#messages .card-notice"), "no privacy notice shown before consent"
    receipt = chrome.find_elements(By.CSS_SELECTOR, "#messages .card-receipt a.receipt-link")
    assert receipt, "no receipt link"
    page = _fetch_text(chrome, receipt[0].get_attribute("href"))
    assert "<h1>" in page and "/api/consent/verify" in page, "the receipt opens as a readable page that says how to check it"
    signed = _fetch_text(chrome, chrome.find_elements(By.CSS_SELECTOR, "#messages .card-receipt a.receipt-json")[0]
                         .get_attribute("href"))
    assert json.loads(signed)["proof"]
    assert chrome.execute_script("return document.documentElement.scrollWidth") <= size[0] + 1, "page scrolls sideways"
    _check_pictures(chrome, size_name)


def test_html_in_messages_is_shown_as_text(chrome, live):
    _size(chrome, DESKTOP)
    chrome.get(f"{live.url}/?lang=fr")
    chrome.execute_script("localStorage.clear();")
    chrome.get(f"{live.url}/?lang=fr")
    _wait_turn(chrome, 0)
    assert chrome.find_element(By.ID, "send").text == "Envoyer"
    payload = '<img src=x onerror="window.__xss=1"><b>bold</b>'
    before = _agent_count(chrome)
    chrome.find_element(By.ID, "message").send_keys(payload)
    chrome.find_element(By.ID, "send").click()
    _wait_turn(chrome, before)
    mine = chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-person .text")[-1]
    assert mine.text == payload
    assert not mine.find_elements(By.TAG_NAME, "img") and not mine.find_elements(By.TAG_NAME, "b")
    assert chrome.execute_script("return window.__xss === undefined")


def test_a_reload_keeps_the_conversation(chrome, live):
    _size(chrome, PHONE)
    chrome.get(f"{live.url}/?lang=en")
    chrome.execute_script("localStorage.clear();")
    chrome.get(f"{live.url}/?lang=en")
    _wait_turn(chrome, 0)
    before = _agent_count(chrome)
    chrome.find_element(By.ID, "message").send_keys("hello there")
    chrome.find_element(By.ID, "send").click()
    _wait_turn(chrome, before)
    conversation = chrome.execute_script("return window.OrientChat.conversation()")
    chrome.refresh()
    _wait(chrome, 30).until(lambda d: _agent_count(d) >= 2)
    assert chrome.execute_script("return window.OrientChat.conversation()") == conversation
    assert "hello there" in [e.text for e in chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-person .text")]


@pytest.mark.parametrize("size_name,size", [("desktop", DESKTOP), ("phone", PHONE)])
def test_console_login_person_file_validation_and_notes(chrome, live, size_name, size):
    with httpx.Client(base_url=live.url, timeout=60) as client:
        person, _ = run_to_end(client)
        grant(client, person, "demo-counsellor:career_guidance:v1")
    _size(chrome, size)
    chrome.delete_all_cookies()
    chrome.get(f"{live.url}/console?lang=en")
    _wait(chrome, 20).until(lambda d: d.find_element(By.ID, "login-view").is_displayed())
    assert "DEMO" in chrome.find_element(By.CSS_SELECTOR, "#login-view .demo-banner").text
    _shot(chrome, f"console-{size_name}-1-login")
    chrome.find_element(By.ID, "username").send_keys(DEMO_USERNAME)
    chrome.find_element(By.ID, "password").send_keys("wrong")
    chrome.find_element(By.ID, "login-button").click()
    _wait(chrome, 10).until(lambda d: d.find_element(By.ID, "login-error").text)
    chrome.find_element(By.ID, "password").clear()
    chrome.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    chrome.find_element(By.ID, "login-button").click()
    ref = live.app.state.services.pseudonyms.compute("demo-counsellor", person)  # the counsellor's name for the person
    row = f"#people li[data-person='{ref}'] button.open-person"
    _wait(chrome, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, row))
    assert chrome.find_element(By.ID, "demo-banner").is_displayed()
    _shot(chrome, f"console-{size_name}-2-people")
    chrome.find_element(By.CSS_SELECTOR, row).click()
    _wait(chrome, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#profile-picture svg g.skill-pill")) >= 3)
    skill_row = chrome.find_elements(By.CSS_SELECTOR, "#skills tbody tr.skill-row")[0]
    uri = skill_row.get_attribute("data-uri")
    skill_row.find_element(By.CSS_SELECTOR, "button.action-validate").click()
    selector = f"#skills tbody tr.skill-row[data-uri='{uri}']"
    _wait(chrome, 20).until(
        lambda d: "level-validated_by_counsellor" in d.find_element(By.CSS_SELECTOR, selector).get_attribute("class"))
    pill = chrome.find_element(By.CSS_SELECTOR, f"#profile-picture g.skill-pill[data-uri='{uri}']")
    assert pill.get_attribute("data-level") == "validated_by_counsellor"
    chrome.find_element(By.ID, "note").send_keys("Talked about <b>night shifts</b>.")
    chrome.find_element(By.CSS_SELECTOR, "#note-form button").click()
    _wait(chrome, 20).until(lambda d: "night shifts" in d.find_element(By.ID, "notes").text)
    assert not chrome.find_elements(By.CSS_SELECTOR, "#notes b")
    before = len(chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-agent"))
    chrome.find_element(By.ID, "message").send_keys("what do you know about me?")
    chrome.find_element(By.ID, "send").click()
    _wait(chrome, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#messages .msg-agent")) > before)
    assert chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-counsellor")
    chrome.execute_script("document.getElementById('person-view').scrollIntoView()")
    _shot(chrome, f"console-{size_name}-3-person")
    chrome.execute_script("document.getElementById('stats-skills').scrollIntoView()")
    assert chrome.find_element(By.ID, "stats-note").text
    _shot(chrome, f"console-{size_name}-4-statistics")


# -- phone first, in both languages: greeting → plan → sharing → erase → a new conversation -------------
FRENCH_PERSON = dict(
    language="fr",
    experiences=["J'ai travaillé deux ans comme caissière dans un supermarché : j'encaissais les clients, je fermais "
                 "la caisse le soir et j'aidais les clients à trouver les produits.",
                 "Le week-end, j'entraîne l'équipe de football des moins de 12 ans de mon club."],
    details=["J'ai aussi formé les nouvelles caissières et fait la rotation des stocks au rayon frais."],
)
DEVELOPER_TEXT = re.compile(r"POST /api|no conversation with id|conversation_id|Traceback|undefined|\bnull\b|\d{3} [A-Z][a-z]+ ?[A-Z]?")


def _conversation_share(driver) -> float:
    """How much of the window's height the conversation itself (the message list) keeps."""
    return driver.execute_script(
        "var m = document.getElementById('messages').getBoundingClientRect();"
        "return Math.max(0, Math.min(m.bottom, window.innerHeight) - Math.max(m.top, 0)) / window.innerHeight;")


def _keep_share(run: str, step: str, share: float) -> None:
    """The conversation's share of the height at each step, kept as a test artefact
    (var/screenshots/conversation-share.json)."""
    path = SCREENSHOTS / "conversation-share.json"
    shares = json.loads(path.read_text()) if path.is_file() else {}
    shares.setdefault(run, {})[step] = round(share, 3)
    path.write_text(json.dumps(shares, indent=2, sort_keys=True))


def _page_words(driver) -> str:
    """What the page says in its own voice: the agent's turns and cards (without the catalogs'
    course and job titles and providers, which are data), the quick replies, the bars and the status."""
    return driver.execute_script("""
        var root = document.body.cloneNode(true);
        root.querySelectorAll('.msg-person, script, noscript, #lang-select, .card-course .card-title, .card-job .card-title,'
          + ' .card-course .field, .card-job .field, .card-move .chip, .evidence-quote').forEach(function (n) { n.remove(); });
        return root.innerText;""")


def _check_step(driver, step: str, lang: str, size_name: str, shown: list[str] = ()) -> None:
    share = _conversation_share(driver)
    _shot(driver, f"walk-{lang}-{size_name}-{step}")
    _keep_share(f"{lang}-{size_name}", step, share)
    assert share >= 0.6, f"{step}: the conversation keeps only {share:.0%} of the height"
    words = _page_words(driver)
    assert not DEVELOPER_TEXT.search(driver.find_element(By.ID, "status").text), driver.find_element(By.ID, "status").text
    if lang == "fr":
        names = [*_card_names(driver), *shown]
        leaks = english_words(words, names=names)
        assert not leaks, f"{step}: English in the French page: {leaks}"
        assert not elision_errors(words, names=names), elision_errors(words, names=names)


def _card_names(driver, reply: dict | None = None) -> list[str]:
    """Names that are data, not our words: course and job titles, providers, recipients, skills."""
    reply = reply or driver.execute_script("return window.OrientChat.lastReply()") or {}
    names = []
    for card in reply.get("cards") or []:
        names.append(card.get("title") or "")
        data = card.get("data") or {}
        names += [str(data.get(k) or "") for k in ("provider", "employer", "location")]
        controller = data.get("controller") or (data.get("notice") or {}).get("controller")
        if isinstance(controller, dict):  # the organisation's own name and contact, as it gave them
            names += [str(controller.get("name") or ""), str(controller.get("contact") or "")]
    names += driver.execute_script(
        "return Array.from(document.querySelectorAll('.card-title, .card-course .chip, .card-job .chip'))"
        ".map(function (n) { return n.textContent; })")
    return [n for n in names if n]


def _consent_buttons_weigh_the_same(driver) -> None:
    buttons = driver.find_elements(By.CSS_SELECTOR, "#quick-replies button.quick")
    yes, no = buttons[0], buttons[1]
    style = "var s = getComputedStyle(arguments[0]); return [s.backgroundColor, s.color, s.fontWeight, s.borderTopWidth, s.borderTopColor, s.fontSize];"
    assert driver.execute_script(style, yes) == driver.execute_script(style, no), "'No' must look like 'Yes'"
    assert abs(yes.rect["width"] - no.rect["width"]) <= 2 and abs(yes.rect["height"] - no.rect["height"]) <= 2


def _answer(driver, user: ScriptedUser, reply: dict) -> dict:
    text, index = user.answer(reply)
    before = _agent_count(driver)
    buttons = driver.find_elements(By.CSS_SELECTOR, "#quick-replies button.quick")
    if index is not None and index < len(buttons):
        driver.execute_script("arguments[0].scrollIntoView({inline: 'nearest'})", buttons[index])
        buttons[index].click()
    else:
        driver.find_element(By.ID, "message").send_keys(text)
        driver.find_element(By.ID, "send").click()
    return _wait_turn(driver, before)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("size_name,size", [("phone", PHONE), ("desktop", DESKTOP)])
def test_walk_from_greeting_to_a_new_conversation(chrome, live, lang, size_name, size):
    _size(chrome, size)
    chrome.get(f"{live.url}/?lang={lang}")
    chrome.execute_script("localStorage.clear();")
    chrome.get(f"{live.url}/?lang={lang}")
    reply = _wait_turn(chrome, 0)
    _check_step(chrome, "1-greeting", lang, size_name)
    user = ScriptedUser(**{k: (list(v) if isinstance(v, list) else v) for k, v in FRENCH_PERSON.items()}) if lang == "fr" else ScriptedUser()
    seen: set[str] = set()
    shown: list[str] = []  # the data names of every turn so far (earlier cards stay on the page)
    for _ in range(50):
        shown += _card_names(chrome, reply)
        if reply["finished"] or reply["expecting"] == "end":
            break
        step = {"skill_confirmation": "2-skills", "target_choice": "3-moves", "share_consent": "5-sharing"}.get(reply["expecting"])
        if reply.get("phase") == "plan":
            step = "4-plan"
        if step and step not in seen:
            seen.add(step)
            _check_step(chrome, step, lang, size_name, shown)
            if step == "2-skills":
                texts = chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-agent")[-1]
                assert not texts.find_elements(By.CSS_SELECTOR, ".card-skill"), "the skill list is shown twice"
            if step == "5-sharing":
                _consent_buttons_weigh_the_same(chrome)
        reply = _answer(chrome, user, reply)
    else:
        raise AssertionError("the web chat did not reach the end")
    assert {"2-skills", "4-plan", "5-sharing"} <= seen, seen
    _check_step(chrome, "6-end", lang, size_name, [*shown, *_card_names(chrome, reply)])
    receipts = chrome.find_elements(By.CSS_SELECTOR, "#messages .card-receipt a.receipt-link")
    assert receipts, "no receipt after a yes"
    chrome.get(receipts[0].get_attribute("href"))  # the receipt as a person opens it
    page = chrome.find_element(By.TAG_NAME, "body").text
    _shot(chrome, f"walk-{lang}-{size_name}-6b-receipt")
    assert ("Reçu de consentement" if lang == "fr" else "Consent receipt") in page
    assert ("vérifier" if lang == "fr" else "check") in page and "/api/consent/verify" in page
    assert chrome.find_elements(By.CSS_SELECTOR, "a.receipt-json"), "the signed JSON is behind a link"
    if lang == "fr":
        assert not english_words(page, names=shown), english_words(page, names=shown)
    chrome.back()
    _wait(chrome, 60).until(lambda d: _agent_count(d) >= 3
                                    and not d.execute_script("return document.body.classList.contains('busy')"))

    # erase everything: the old transcript leaves the screen and a new conversation starts cleanly
    old = chrome.execute_script("return window.OrientChat.conversation()")
    before = _agent_count(chrome)
    chrome.find_element(By.ID, "message").send_keys("effacer mes données" if lang == "fr" else "erase my data")
    chrome.find_element(By.ID, "send").click()
    reply = _wait_turn(chrome, before)
    assert reply["expecting"] == "processing_consent"
    yes = chrome.find_elements(By.CSS_SELECTOR, "#quick-replies button.quick")[0]
    yes.click()
    _wait(chrome, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#messages .msg-notice")
                                    and d.execute_script("return window.OrientChat.conversation()") not in (None, old)
                                    and _agent_count(d) >= 1
                                    and not d.execute_script("return document.body.classList.contains('busy')"))
    assert not chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-person"), "the erased transcript stays on screen"
    notice = chrome.find_element(By.CSS_SELECTOR, "#messages .msg-notice").text
    assert ("effacé" if lang == "fr" else "erased") in notice
    _check_step(chrome, "7-after-erase", lang, size_name)
    before = _agent_count(chrome)
    chrome.find_element(By.ID, "message").send_keys("bonjour" if lang == "fr" else "hello")
    chrome.find_element(By.ID, "send").click()
    _wait_turn(chrome, before)
    assert not DEVELOPER_TEXT.search(chrome.find_element(By.ID, "status").text)
    assert not chrome.find_elements(By.CSS_SELECTOR, "#messages .msg-person.failed")
    _check_step(chrome, "8-new-conversation", lang, size_name)
