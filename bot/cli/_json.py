"""The JSON shapes of facts and quotes, shared by `facts export` and `quote --json`."""

from __future__ import annotations

from typing import Any

from bot.core.model import Fact, Quote, Source


def _source(source: Source) -> dict[str, str]:
    return {"document": source.document, "quote": source.quote, "title": source.title}


def fact_to_json(fact: Fact) -> dict[str, Any]:
    quiz = fact.quiz
    return {
        "id": fact.id,
        "category": fact.category,
        "questions": list(fact.questions),
        "answer": fact.answer,
        "accept": list(fact.accept),
        "kind": fact.kind,
        "text": fact.text,
        "quiz": quiz is not None,
        "difficulty": quiz.difficulty if quiz else None,
        "modes": list(quiz.modes) if quiz else [],
        "prompt": quiz.prompt if quiz else None,
        "distractors": list(quiz.distractors) if quiz else [],
        "source": _source(fact.source),
        "disagrees_with": list(fact.disagrees_with),
        "related": list(fact.related),
        "group": fact.group or None,
    }


def quote_to_json(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "text": quote.text,
        "speaker": quote.speaker,
        "kind": quote.kind,
        "context": quote.context,
        "source": _source(quote.source),
    }
