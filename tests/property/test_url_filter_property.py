"""The URL filter never raises: any string as a URL gives a verdict."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from thresher.document import Document, Provenance
from thresher.filters.url import UrlFilter
from thresher.step import Drop

URLS = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda host, path: f"https://{host}/{path}", st.text(max_size=40), st.text(max_size=60)
    ),
)


@settings(max_examples=150, deadline=None)
@given(URLS)
def test_any_url_gets_a_verdict(url: str) -> None:
    step = UrlFilter()
    out = step.process(Document(id="d", provenance=Provenance(source="t"), url=url, text="x"))
    assert isinstance(out, (Document, Drop))
    if isinstance(out, Drop):
        assert out.reason in UrlFilter.reasons
