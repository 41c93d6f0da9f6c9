"""Run axe-core (installed from the npm registry by `npm ci`, package.json) on a page and sort what it finds.

Sorting: serious and critical violations only, one row per (rule, element); an element is the framework's when it
matches FRAMEWORK_EXCEPTIONS, the only findings we do not fix (README, "Accessibility").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING_IMPACTS = ("serious", "critical")

# Streamlit's own markup: rule id -> (tag of the failing element, reason). st.navigation draws the sidebar's page
# list as a <ul> whose children are <div>s (section wrappers) holding the <li>s: axe reports the <ul> (list: only
# <li> may be its children) and each <li> (listitem: its parent is not a list). A bare st.navigation app has them
# too; nothing our code sends changes that markup. A finding is excused only when its rule is listed, its element
# has the listed tag and it lies inside the sidebar navigation (data-testid="stSidebarNav", checked in the page).
FRAMEWORK_EXCEPTIONS = {
    "list": ("ul", "st.navigation's page list: a <ul> whose children are <div> section wrappers"),
    "listitem": ("li", "st.navigation's page links: <li> elements inside those <div> wrappers, not in a list"),
}
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'

# Runs axe on the whole document and, for each failing element, finds it again by axe's selector to read its tag and
# whether it lies inside the sidebar navigation (axe's selectors do not always name that ancestor).
AXE_RUN = """async ({tags, nav}) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.map((node) => {
      const target = node.target.map((part) => Array.isArray(part) ? part.join(' ') : part).join(' ');
      const element = node.target.length === 1 && typeof node.target[0] === 'string'
        ? document.querySelector(node.target[0]) : null;
      return {
        impact: node.impact || violation.impact || '',
        target,
        html: node.html,
        summary: node.failureSummary || '',
        tag: element ? element.tagName.toLowerCase() : '',
        in_sidebar_nav: element !== null && element.closest(nav) !== null,
      };
    }),
  }));
}"""


@dataclass(frozen=True)
class Finding:
    """One element failing one axe rule."""

    rule: str
    impact: str
    target: str
    html: str
    summary: str
    tag: str
    in_sidebar_nav: bool

    @property
    def framework(self) -> bool:
        """Whether this is one of Streamlit's navigation findings listed in FRAMEWORK_EXCEPTIONS."""
        excused = FRAMEWORK_EXCEPTIONS.get(self.rule)
        return excused is not None and excused[0] == self.tag and self.in_sidebar_nav

    def line(self) -> str:
        """A readable line for a failure message."""
        return f"{self.rule} ({self.impact}) at {self.target}: {self.html[:160]} -- {self.summary[:300]}"


def run_axe(page) -> list[Finding]:
    """Inject axe-core into the page, run the WCAG 2.1 A/AA rules, return the serious and critical findings."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_PATH))
    violations = page.evaluate(AXE_RUN, {"tags": list(WCAG_TAGS), "nav": SIDEBAR_NAV})
    return [
        Finding(
            rule=violation["id"],
            impact=node["impact"],
            target=node["target"],
            html=node["html"],
            summary=node["summary"],
            tag=node["tag"],
            in_sidebar_nav=node["in_sidebar_nav"],
        )
        for violation in violations
        for node in violation["nodes"]
        if node["impact"] in BLOCKING_IMPACTS
    ]
