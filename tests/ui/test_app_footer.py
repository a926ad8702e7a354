"""The footer is rebuilt whenever a screen's keys change, so what a rebuild costs is paid on
every screen change: each key is styled once, and still looks compact."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet
from textual.widgets._footer import FooterKey

from relprep.ui.widgets.app_footer import AppFooter
from tests.ui import SIZE, make_app, settle


async def test_a_rebuilt_footer_styles_each_key_once(repo, clock, monkeypatch):
    styled: list[FooterKey] = []
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        if isinstance(node, FooterKey):
            styled.append(node)
        apply(self, node, *args, **kwargs)  # type: ignore[arg-type]

    app = make_app(repo, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(AppFooter)
        footer._shown = None  # what the footer showed is forgotten: it is built again
        monkeypatch.setattr(Stylesheet, "apply", counting)
        footer.refresh(recompose=True)
        await settle(pilot)
        keys = list(footer.query(FooterKey))
        assert keys and all(key.has_class("-compact") for key in keys)
        assert len(styled) == len(keys), "a key was styled more than once"
