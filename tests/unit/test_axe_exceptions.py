"""The accessibility test excuses only Streamlit's navigation list markup: rule, element and place must all match."""

from __future__ import annotations

import pytest

from tests.support.axe import Finding


def finding(rule: str, tag: str, in_sidebar_nav: bool) -> Finding:
    """A serious finding of rule on a tag element, inside the sidebar navigation or not."""
    return Finding(rule, "serious", "x", f"<{tag}>", "", tag, in_sidebar_nav)


@pytest.mark.parametrize(("rule", "tag"), [("list", "ul"), ("listitem", "li")])
def test_navigation_list_markup_is_the_frameworks(rule, tag):
    """The <ul> and <li> of st.navigation's page list are excused."""
    assert finding(rule, tag, in_sidebar_nav=True).framework


@pytest.mark.parametrize(
    ("rule", "tag", "in_sidebar_nav"),
    [
        ("list", "ul", False),  # a list of ours in the main area
        ("listitem", "li", False),
        ("listitem", "ul", True),  # the right place, the wrong element
        ("color-contrast", "span", True),  # another rule inside the navigation
        ("color-contrast", "p", False),
    ],
)
def test_everything_else_is_ours(rule, tag, in_sidebar_nav):
    """Any other rule, element or place counts against us."""
    assert not finding(rule, tag, in_sidebar_nav).framework
