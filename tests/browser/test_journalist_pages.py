"""A journalist's path through the pages, in headless Chromium, over the four seed articles:
look up "most serious", open the statement, read how it travelled, follow the speaker and an
outlet; then axe-core on every page, keyboard only, and no JavaScript at all. Each step is
screenshotted at desktop and phone width."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ORIGIN = "Political Bureau of the Workers’ Party of Korea"
pytestmark = pytest.mark.stanza  # the seeded store is parsed by the real pipeline


def shoot(page: Any, screenshots: Path, name: str) -> None:
    page.screenshot(path=str(screenshots / f"{name}-{page.screen}.png"), full_page=True)


def statement_id(page: Any, site: str, words: str) -> int:
    found = page.request.post(f"{site}/api/lookup", data={"text": words}).json()
    return int(found["results"][0]["statement"]["id"])


def test_look_up_open_the_statement_and_follow_speaker_and_outlet(
    page: Any, site: str, screenshots: Path
) -> None:
    page.goto(site + "/")
    page.get_by_label("Paste a quote, part of one, or a paraphrase").fill("most serious")
    page.get_by_role("button", name="Look up").click()
    assert re.match(r"\d+ matching statements?", page.locator("#results-heading").inner_text())
    first = page.locator("ol.results > li").first
    assert "the most serious" in first.locator("h3").inner_text()
    assert ORIGIN in first.inner_text()  # who said it first, on the result itself
    shoot(page, screenshots, "1-lookup")

    first.get_by_role("link", name=re.compile("How it travelled")).click()
    assert "the most serious" in page.locator("h1").inner_text()
    facts = page.locator("dl.facts")
    assert ORIGIN in facts.inner_text()
    assert page.locator("link[rel=canonical]").get_attribute("href") == page.url

    # The picture: the original speaker on top, KCNA relaying, then the articles in time order.
    timeline = page.get_by_role("img", name=re.compile("How statement \\d+ travelled"))
    labels = [t.strip() for t in timeline.locator("g.row text.label").all_text_contents()]
    assert labels[0].startswith("Political Bureau")
    assert "Korean Central News Agency" in labels
    carriers = [label for label in labels if label in (
        "Associated Press (syndicated copy)", "The Independent", "PressTV", "unnamed outlet")]
    assert carriers == ["Associated Press (syndicated copy)", "The Independent", "PressTV",
                        "unnamed outlet"]
    assert timeline.locator("path.arc-quoted_in").count() >= 3
    assert timeline.locator("path.arc-restated_in").count() == 1  # the rewrite's paraphrase
    assert timeline.locator("path.arc-reuses").count() == 1  # PressTV reusing the AP copy

    # Every relay: outlet, date, wording, what changed, credits and warnings.
    relays = page.locator("li.relay")
    headings = relays.locator("h3").all_inner_texts()
    assert headings[:3] == ["Associated Press (syndicated copy), 2023-06-19",
                            "The Independent, 2023-06-19", "PressTV, 2023-06-19"]
    assert all(h.startswith("an unnamed outlet, date unknown") for h in headings[3:])
    wordings = relays.locator("blockquote.wording")
    assert wordings.nth(0).inner_text().strip() == "“the most serious”"
    rewrite = relays.filter(has_text="paraphrase")
    assert rewrite.locator("ins").count() > 0  # the rewrite's own words are marked as added
    assert "without quotation marks" in rewrite.locator("ul.warnings").inner_text()
    presstv = relays.filter(has=page.locator("h3", has_text="PressTV"))
    assert "Korean Central News Agency" in presstv.locator("dl.relay-facts").inner_text()
    assert "reuses the prose of Associated Press (syndicated copy)" in presstv.inner_text()
    shoot(page, screenshots, "2-statement")

    statement_url = page.url
    facts.get_by_role("link", name=ORIGIN).click()
    assert page.locator("h1").inner_text() == ORIGIN
    assert "the most serious" in page.locator("#content").inner_text()
    shoot(page, screenshots, "3-speaker")

    page.goto(statement_url)
    presstv.locator("h3").get_by_role("link", name="PressTV").click()
    assert page.locator("h1").inner_text() == "PressTV"
    content = page.locator("#content").inner_text()
    assert "Korean Central News Agency" in content  # whom it credits
    assert "words of Associated Press (syndicated copy)" in content  # whose prose it reuses
    assert "the most serious" in content  # what it relayed
    shoot(page, screenshots, "4-outlet")


def test_browse_statements_speakers_and_outlets(page: Any, site: str, screenshots: Path) -> None:
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Speakers").click()
    page.get_by_label("Speakers whose name or alias holds").fill("Korea")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/speakers?q=Korea")  # the results page, not the form it replaces
    names = page.locator("#content ul.plain > li > a").all_inner_texts()
    assert ORIGIN in names and "Korean Central News Agency" in names
    assert all("kor" in n.casefold() or "kcna" in n.casefold() for n in names) or names
    shoot(page, screenshots, "5-speakers")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outlets").click()
    outlets = page.locator("#content ul.plain > li > a").all_inner_texts()
    assert {"PressTV", "The Independent", "Associated Press (syndicated copy)"} <= set(outlets)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Statements").click()
    page.get_by_label("Statements holding the words").fill("brigandish")
    page.get_by_role("button", name="Search").click()
    found = page.locator("#content .statement-summary h3").all_inner_texts()
    assert found and all("brigandish" in s for s in found)
    shoot(page, screenshots, "6-statements")


def test_keyboard_alone_reaches_the_lookup_and_its_results(page: Any, site: str) -> None:
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "lookup-q":
            break
    assert page.evaluate("document.activeElement.id") == "lookup-q"
    page.keyboard.type("most serious")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q=most\+serious"))
    assert "the most serious" in page.locator("ol.results").inner_text()


def test_the_basics_work_without_javascript(browser: Any, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site + "/?q=most+serious")
        page.locator("ol.results > li").first.get_by_role(
            "link", name=re.compile("How it travelled")).click()
        assert page.get_by_role("img", name=re.compile("travelled")).is_visible()
        assert page.locator("li.relay").count() >= 4
    finally:
        context.close()


def test_no_serious_or_critical_accessibility_violation(
    page: Any, site: str, axe_script: Path, screenshots: Path
) -> None:
    sid = statement_id(page, site, "most serious")
    detail = page.request.get(f"{site}/api/statements/{sid}").json()
    speaker_id = detail["speaker"]["id"]
    outlet_id = detail["occurrences"][0]["outlet"]["id"]
    paths = ["/", "/?q=most+serious", f"/statements/{sid}", "/statements", "/statements?q=the",
             "/speakers", "/speakers?all=1", f"/speakers/{speaker_id}", "/outlets",
             f"/outlets/{outlet_id}", "/statements/999999"]
    summary: dict[str, Any] = {}
    blocking = []
    for path in paths:
        page.goto(site + path)
        page.evaluate(axe_script.read_text())  # through DevTools: the pages' CSP stays on
        result = page.evaluate("async () => await axe.run(document)")
        violations = [
            {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]), "help": v["help"]}
            for v in result["violations"]
        ]
        summary[path] = {"passes": len(result["passes"]), "violations": violations}
        blocking += [(path, v) for v in violations if v["impact"] in ("serious", "critical")]
    (screenshots / f"axe-{page.screen}.json").write_text(json.dumps(summary, indent=1))
    assert not blocking, blocking
