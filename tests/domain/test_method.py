"""The method content is data the screens render; keep it complete and well-formed."""

from relprep.domain.method import METHOD_STEPS, PREP_SECTIONS, QUESTION_BANK, checklist_item_ids


def test_five_steps_in_order() -> None:
    assert [step.number for step in METHOD_STEPS] == [1, 2, 3, 4, 5]


def test_prep_covers_steps_one_to_five_with_unique_items() -> None:
    assert {section.step for section in PREP_SECTIONS} == {1, 2, 3, 4, 5}
    ids = checklist_item_ids()
    assert len(ids) == len(set(ids))


def test_question_bank_has_at_least_thirty_distinct_questions() -> None:
    texts = [q.text for q in QUESTION_BANK]
    assert len(set(texts)) >= 30
    assert len({q.id for q in QUESTION_BANK}) == len(QUESTION_BANK)
    assert all(text.endswith("?") for text in texts)


def test_only_gestures_above_low_cost_get_the_gentle_warning() -> None:
    from relprep.domain.method import COST_WARNING, cost_warning
    from relprep.domain.model import Cost

    assert cost_warning(Cost.LOW) is None
    assert cost_warning(Cost.MEDIUM) == cost_warning(Cost.HIGH) == COST_WARNING
