"""--keep-entered-scores: the evaluators' 综合得分 is used, with their 评价等次, or, when they left the grade
blank, the grade their score falls in (90 and above 优, 80 to 90 良, 60 to 80 中, below 60 差)."""
from decimal import Decimal as D

import builders
import pytest
from generator import load
from generator.kinds.base import Options


def kept(workbook, score: str, grade: str | None):
    data = builders.department()
    data["单位信息"][0].update(综合得分=D(score), 评价等次=grade)
    return load(workbook(data), Options(keep_entered_scores=True)).scores


@pytest.mark.parametrize("score, grade", [("85", "良"), ("90", "优"), ("59.99", "差")])
def test_a_blank_grade_is_the_grade_of_the_kept_score(workbook, score, grade):
    scores = kept(workbook, score, None)
    assert (scores.total, scores.grade, scores.kept) == (D(score), grade, True)


def test_a_grade_the_evaluators_wrote_is_kept_as_written(workbook):
    # builders.BASE computes 97.67 (优); the evaluators' 85 would be 良, but they wrote 优: both are kept
    scores = kept(workbook, "85", "优")
    assert (scores.total, scores.grade, scores.kept) == (D("85"), "优", True)
