"""A cue whose infinitive is its content is read by how often its form is a cue before "to"."""

from __future__ import annotations

from attribution.nlp.lexicon import Lexicon, learn


def _article(text: str, cue: str) -> dict[str, object]:
    start = text.index(cue)
    return {"text": text, "attributions": [
        {"cue": {"start": start, "end": start + len(cue), "text": cue}}]}


def test_a_form_before_to_is_counted_apart_from_its_other_uses() -> None:
    articles = [_article("He pledged to ban it.", "pledged")] * 3 + [
        {"text": "She pledged $5 million and pledged her support.", "attributions": []}] * 3
    learned = learn(articles)
    # 3 of the 9 uses of "pledged" are in a cue, 3 of the 3 before "to"
    assert learned["forms"]["pledged"] == round(3 / (9 + 3), 4)
    assert learned["before_to"]["pledged"] == round(3 / (3 + 3), 4)


def test_a_form_train_never_showed_before_to_reads_as_itself() -> None:
    lexicon = Lexicon(forms={"pledged": 0.29, "vowed": 0.88}, lemmas={},
                      before_to={"pledged": 0.48})
    assert lexicon.score_before_to("pledged", "pledge") == 0.48
    assert lexicon.score_before_to("Vowed", "vow") == 0.88


def test_who_pledged_to_act_is_attributed_without_the_tagger(hand_parsed) -> None:
    # HuffPost's editor's note: "pledged" is a cue for 0.29 of its uses in train, below what
    # an infinitive content asks (0.4); "pledged to" for about half.
    text = "Trump is a birther who has repeatedly pledged to ban all Muslims."
    rows = [("Trump", "Trump", "PROPN", 4, "nsubj", {"ner": "S-PERSON"}),
            ("is", "be", "AUX", 4, "cop"), ("a", "a", "DET", 4, "det"),
            ("birther", "birther", "NOUN", 0, "root"),
            ("who", "who", "PRON", 8, "nsubj"), ("has", "have", "AUX", 8, "aux"),
            ("repeatedly", "repeatedly", "ADV", 8, "advmod"),
            ("pledged", "pledge", "VERB", 4, "acl:relcl", {"feats": "VerbForm=Part"}),
            ("to", "to", "PART", 10, "mark"), ("ban", "ban", "VERB", 8, "xcomp"),
            ("all", "all", "DET", 12, "det"), ("Muslims", "Muslim", "PROPN", 10, "obj"),
            (".", ".", "PUNCT", 4, "punct")]
    [q] = hand_parsed(text, rows, None).quotes
    assert q.text == "to ban all Muslims"
    assert q.cue is not None and q.cue.text.endswith("pledged")
