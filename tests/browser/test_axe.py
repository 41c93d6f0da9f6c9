"""axe-core (WCAG 2.1 A and AA rules) on every page, in English and Chinese: no serious or critical violation of ours.

axe-core comes from the npm registry (package.json, `npm ci`) and is injected into the page. The only findings
excused are Streamlit's own navigation markup (tests/support/axe.FRAMEWORK_EXCEPTIONS, listed in the README with
the reason). Without node_modules the tests skip locally with the reason and fail in CI (CI=true), as the browser
tests do without Chromium.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest

from tests.support.axe import AXE_PATH, FRAMEWORK_EXCEPTIONS, run_axe
from tests.support.screens import DESKTOP, LANGUAGES, PAGES, cut_figures, new_context, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def axe_installed() -> None:
    """Skip (locally) or fail (CI) when axe-core has not been installed by `npm ci`."""
    if AXE_PATH.is_file():
        return
    reason = f"axe-core not found at {AXE_PATH} (run `npm ci` at the repository root)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"the accessibility tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def axe_page(browser, axe_installed):
    """One desktop-sized page for the module (each test loads its own URL into it)."""
    context = new_context(browser, DESKTOP, phone=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", PAGES)
def test_no_serious_violation_of_ours(dashboard, axe_page, slug, lang):
    """No serious or critical WCAG 2.1 A/AA violation outside Streamlit's navigation markup; axe saw the page."""
    open_page(axe_page, dashboard, slug, lang)
    findings = run_axe(axe_page)
    ours = [finding for finding in findings if not finding.framework]
    by_rule = Counter(finding.rule for finding in ours)
    assert not ours, f"{slug} ({lang}): {dict(by_rule)}\n" + "\n".join(finding.line() for finding in ours)
    # axe looked at the drawn page: the navigation's known findings are there (were they gone, Streamlit would have
    # fixed its markup and the exception list, here and in the README, should go).
    assert {finding.rule for finding in findings if finding.framework} == set(FRAMEWORK_EXCEPTIONS)
    # Not an axe rule, but text lost the same way for every reader: a headline figure cut with an ellipsis.
    cut = cut_figures(axe_page)
    assert not cut, f"{slug} ({lang}): figures cut short at {DESKTOP['width']} px: {cut}"
