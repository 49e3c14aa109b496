"""Statements on hand-written sentences: speaker, cue, content offsets, stance (and channel, target).

Conventions follow PolNeAR: the source is the whole noun phrase that names the speaker (with its
apposition), the cue is the speech verb (with "according to", "in a statement" where the text fuses
them), and reported content starts at "that" when the text has one. Content spans exclude the
quotation marks and the punctuation at their ends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from rashomon.model import Analysis, ChannelKind, Stance, Statement


@dataclass(frozen=True)
class Case:
    text: str
    speaker: str | None
    speaker_name: str | None
    cue: str
    content: tuple[str, ...]
    stance: Stance
    channel: ChannelKind | None = None
    outlet: str | None = None
    target: str | None = None
    nth: int = 1  # which occurrence of the cue in the text is meant
    speaker_nth: int = 1  # which occurrence of the speaker text is meant


def _offsets(text: str, part: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = text.index(part, start + 1)
    return start, start + len(part)


A = Stance
# fmt: off
C = ChannelKind
# fmt: on
# fmt: off
CASES: list[Case] = [
    # ---- accuse
    # PolNeAR's cue is the verb alone, the accused and the act its content (94 of 126 accuse/blame cues in train)
    Case("The Iraqi army accused Kurdish fighters of shelling the village of Bashiqa.", "The Iraqi army", "Iraqi army",
         "accused", ("Kurdish fighters of shelling the village of Bashiqa",), A.ACCUSE, target="Kurdish fighters"),
    Case('"Our positions were heavily bombarded by the Americans last night," the commander said.', "the commander",
         None, "said", ("Our positions were heavily bombarded by the Americans last night",), A.ACCUSE,
         target="Americans"),
    Case("Hezbollah blamed Israel for the assassination of its commander in Beirut.", "Hezbollah", "Hezbollah",
         "blamed", ("Israel for the assassination of its commander in Beirut",), A.ACCUSE, target="Israel"),
    Case("The tribal leader alleged that government troops had killed six shepherds near Hawija.", "The tribal leader",
         None, "alleged", ("that government troops had killed six shepherds near Hawija",), A.ACCUSE,
         target="government troops"),
    # ---- deny
    Case('"No Coalition strikes there at that time," Col. Ryan Dillon tweeted.', "Col. Ryan Dillon", "Ryan Dillon",
         "tweeted", ("No Coalition strikes there at that time",), A.DENY, C.TWEET, target="Coalition"),
    Case("The Pentagon denied that its aircraft struck the convoy.", "The Pentagon", "Pentagon", "denied",
         ("that its aircraft struck the convoy",), A.DENY, target="Pentagon"),
    Case('"We did not carry out any attack in that area," a police spokesman told Reuters.', "a police spokesman", None,
         "told", ("We did not carry out any attack in that area",), A.DENY, C.INTERVIEW, "Reuters"),
    Case("The ministry said the reports of civilian deaths were false.", "The ministry", None, "said",
         ("the reports of civilian deaths were false",), A.DENY),
    # ---- claim responsibility
    Case("The Islamic State claimed responsibility for the bombing in a statement on its Amaq agency.", "The Islamic State",
         "Islamic State", "claimed", ("responsibility for the bombing",),
         A.CLAIM_RESPONSIBILITY, C.STATEMENT, target="Islamic State"),
    Case("A statement circulated by Islamic State supporters said the group carried out the attack.",
         "A statement circulated by Islamic State supporters", "Islamic State supporters", "said",
         ("the group carried out the attack",), A.CLAIM_RESPONSIBILITY, C.STATEMENT),
    Case('"Our fighters carried out the raid on the base," the Taliban spokesman Zabihullah Mujahid said.',
         "the Taliban spokesman Zabihullah Mujahid", "Zabihullah Mujahid", "said",
         ("Our fighters carried out the raid on the base",), A.CLAIM_RESPONSIBILITY),
    # ---- attribute
    Case("According to the governor, Islamic State militants carried out the attack on the market.", "the governor", None,
         "According to", ("Islamic State militants carried out the attack on the market",), A.ATTRIBUTE,
         target="Islamic State militants"),
    Case("Local officials said the market was hit by a car bomb planted by al-Shabaab.", "Local officials", None, "said",
         ("the market was hit by a car bomb planted by al-Shabaab",), A.ATTRIBUTE, target="car bomb planted by al-Shabaab"),
    Case("Witnesses told the BBC that government helicopters had bombed the hospital.", "Witnesses", None, "told",
         ("that government helicopters had bombed the hospital",), A.ATTRIBUTE, C.INTERVIEW, "BBC",
         target="government helicopters"),
    # ---- confirm
    Case("The Pentagon confirmed that a drone strike killed the commander on Sunday.", "The Pentagon", "Pentagon",
         "confirmed", ("that a drone strike killed the commander on Sunday",), A.CONFIRM),
    Case("A military official confirmed the strike at a press conference in Baghdad.", "A military official", None,
         "confirmed", ("the strike",), A.CONFIRM, C.PRESS_CONFERENCE),
    # ---- assert
    Case("The minister said the talks would resume next week.", "The minister", None, "said",
         ("the talks would resume next week",), A.ASSERT),
    Case("Prime Minister Haider al-Abadi said on state television that the city had been fully liberated.",
         "Prime Minister Haider al-Abadi", "Haider al-Abadi", "said on state television",
         ("that the city had been fully liberated",),
         A.ASSERT, C.TELEVISION),
    # ---- threaten
    Case("The militia warned that it will hold the U.S. military responsible for the killing.", "The militia", None,
         "warned", ("that it will hold the U.S. military responsible for the killing",), A.THREATEN,
         target="U.S. military"),
    Case("The rebels threatened to attack the airport if the siege continued.", "The rebels", None, "threatened",
         ("to attack the airport if the siege continued",), A.THREATEN),
    # ---- demand
    Case("The United Nations demanded an independent investigation into the killings.", "The United Nations",
         "United Nations", "demanded", ("an independent investigation into the killings",), A.DEMAND),
    Case("Amnesty International urged both sides to protect civilians.", "Amnesty International",
         "Amnesty International", "urged", ("both sides to protect civilians",), A.DEMAND),
    # an obligation laid on another party ("must", "has to") is a demand; "the US" is no "us" of the speaker's side
    Case("Egyptian President Hosni Mubarak said on Wednesday that the US must be ready to mediate.",
         "Egyptian President Hosni Mubarak", "Hosni Mubarak", "said", ("that the US must be ready to mediate",), A.DEMAND,
         target="US"),
    Case("The Bush administration declared that China has to drop its barriers to U.S. exports.",
         "The Bush administration", None, "declared", ("that China has to drop its barriers to U.S. exports",), A.DEMAND,
         target="China"),
    # ---- pronouns, titles and name variants
    # a relative pronoun stands for the whole name it follows, not the last words of it
    Case("The strike was condemned by the Syrian Observatory for Human Rights, which said 12 civilians were killed.",
         "which", "Syrian Observatory for Human Rights", "said", ("12 civilians were killed",), A.ASSERT),
    # an unnamed speaker is named by its description, without the relative clause that follows it
    Case("A local official that spoke to reporters said the militants had fled the town.",
         "A local official that spoke to reporters", "local official", "said", ("the militants had fled the town",),
         A.ASSERT),
    Case("Abu Ala al-Welayi, the secretary-general of Kata'ib Sayyid al-Shuhada, spoke to reporters on Monday. "
         "He said that American aircraft had struck his fighters near the border.", "He", "Abu Ala al-Welayi", "said",
         ("that American aircraft had struck his fighters near the border",), A.ACCUSE, target="American aircraft"),
    Case("Human Rights Watch released its findings on Tuesday. It said that Saudi-led coalition jets bombed the school.",
         "It", "Human Rights Watch", "said", ("that Saudi-led coalition jets bombed the school",), A.ATTRIBUTE,
         target="Saudi-led coalition jets"),
    Case("Col. Ryan Dillon spoke from Baghdad. The spokesman said the coalition did not strike the area.",
         "The spokesman", "Ryan Dillon", "said", ("the coalition did not strike the area",), A.DENY, target="coalition"),
    Case('Abu Ala al-Welayi spoke on Monday. "The Americans bombed our positions," al-Welayi said.', "al-Welayi",
         "Abu Ala al-Welayi", "said", ("The Americans bombed our positions",), A.ACCUSE, target="Americans", speaker_nth=2),
    Case("Abu Ala al-Welayi spoke on Monday. Welayi said that his forces would liberate the region.", "Welayi",
         "Abu Ala al-Welayi", "said", ("that his forces would liberate the region",), A.ASSERT, speaker_nth=2),
    Case("The Popular Mobilization Forces said on Monday that the road was open. The group said that its positions "
         "were shelled by the Americans.", "The group", "Popular Mobilization Forces", "said",
         ("that its positions were shelled by the Americans",), A.ACCUSE, target="Americans", nth=2),
    # ---- multi-sentence, interrupted and inverted quotes, colon frames
    Case('"We were attacked at dawn. Three of our men were killed. We hold the government responsible," the tribal '
         "chief said.", "the tribal chief", None, "said",
         ("We were attacked at dawn. Three of our men were killed. We hold the government responsible",), A.ACCUSE,
         target="government"),
    Case('"The bridge was closed on Monday," the governor said. "It will reopen when the repairs are finished."',
         "the governor", None, "said", ("The bridge was closed on Monday", "It will reopen when the repairs are finished"),
         A.ASSERT),
    Case('"The road to the airport is open again," said the governor of Kirkuk province.',
         "the governor of Kirkuk province", None, "said", ("The road to the airport is open again",), A.ASSERT),
    Case('The defence minister said: "Our troops are in full control of the airport."', "The defence minister", None,
         "said", ("Our troops are in full control of the airport",), A.ASSERT),
    # ---- passive voice
    Case("The convoy was ambushed by Taliban fighters, the police chief said.", "the police chief", None, "said",
         ("The convoy was ambushed by Taliban fighters",), A.ATTRIBUTE, target="Taliban fighters"),
    Case("The attack was claimed by the Islamic State in a statement.", "the Islamic State", "Islamic State",
         "was claimed", ("The attack",), A.CLAIM_RESPONSIBILITY, C.STATEMENT, target="Islamic State"),
    # ---- channels
    Case("In an interview with Al Jazeera, the foreign minister said that the ceasefire was holding.",
         "the foreign minister", None, "said", ("that the ceasefire was holding",), A.ASSERT, C.INTERVIEW, "Al Jazeera"),
    Case("A United Nations report said that government forces were responsible for most civilian deaths.",
         "A United Nations report", "United Nations", "said",
         ("that government forces were responsible for most civilian deaths",), A.ATTRIBUTE, C.REPORT,
         target="government forces"),
    Case("General Qassem told a news conference that his troops had retaken the town.", "General Qassem", None, "told",
         ("that his troops had retaken the town",), A.ASSERT, C.PRESS_CONFERENCE),
    Case("The ministry said in a statement that two soldiers were killed by a roadside bomb.", "The ministry", None,
         "said in a statement", ("that two soldiers were killed by a roadside bomb",), A.ATTRIBUTE, C.STATEMENT,
         target="roadside bomb"),
    Case("The president wrote on Twitter that the attack would not go unpunished.", "The president", None, "wrote on Twitter",
         ("that the attack would not go unpunished",), A.THREATEN, C.TWEET),
    Case("Government forces killed 12 militants near Tal Afar, according to a military statement.",
         "a military statement", None, "according to", ("Government forces killed 12 militants near Tal Afar",),
         A.ATTRIBUTE, C.STATEMENT, target="Government forces"),
    Case("The Kurdish regional government rejected the accusation that its fighters had shelled the village.",
         "The Kurdish regional government", None, "rejected",
         ("the accusation that its fighters had shelled the village",), A.DENY),
    Case("The group's leader vowed to avenge the killing of its fighters.", "The group's leader", None, "vowed",
         ("to avenge the killing of its fighters",), A.THREATEN),
    # ---- negation that sits on a noun, report nouns, the group's own words
    Case("The coalition said it had no aircraft striking in the area.", "The coalition", "coalition", "said",
         ("it had no aircraft striking in the area",), A.DENY, target="coalition"),
    Case("The ministry said none of its jets struck the market.", "The ministry", "ministry", "said",
         ("none of its jets struck the market",), A.DENY, target="ministry"),
    Case("Islamic State claimed the attack in a statement on Wednesday. The statement said the group's fighters "
         "attacked positions near al-Akashat.", "The statement", "Islamic State", "said",
         ("the group's fighters attacked positions near al-Akashat",), A.CLAIM_RESPONSIBILITY, C.STATEMENT,
         target="Islamic State"),
    Case("Police said the group's gunmen stormed the hotel.", "Police", "Police", "said",
         ("the group's gunmen stormed the hotel",), A.ATTRIBUTE, target="group's gunmen"),
    Case("The leader of Kata'ib Sayyid al-Shuhada, an Iran-backed Iraqi militia, said on Tuesday that 47 people were "
         "killed.", "The leader of Kata'ib Sayyid al-Shuhada, an Iran-backed Iraqi militia",
         "leader of Kata'ib Sayyid al-Shuhada", "said", ("that 47 people were killed",), A.ASSERT),
    Case('MOGADISHU (Horn Bulletin) - A car bomb killed nine people at the market, police officer Abdullahi Hassan told '
         'Horn Bulletin. "Most of the dead are traders," he said.', "he", "Abdullahi Hassan", "said",
         ("Most of the dead are traders",), A.ASSERT, speaker_nth=3),  # "he" is the officer, not the outlet NER calls a person
    Case("MOGADISHU (Horn Bulletin) - A car bomb killed nine people at the market, police officer Abdullahi Hassan told "
         "Horn Bulletin.", "police officer Abdullahi Hassan", "Abdullahi Hassan", "told",
         ("A car bomb killed nine people at the market",), A.ATTRIBUTE, C.INTERVIEW, "Horn Bulletin", target="car bomb"),
    Case("The al-Shabaab militant group said in a statement on its radio station that it had carried out the attack.",
         "The al-Shabaab militant group", "al-Shabaab", "said in a statement", ("that it had carried out the attack",),
         A.CLAIM_RESPONSIBILITY, C.STATEMENT, target="al-Shabaab"),
    Case("The United Nations said 18 civilians were killed. It did not say who was responsible.", "It",
         "United Nations", "did not say", ("who was responsible",), A.ASSERT),  # a question names nobody
    Case("The Emergency Lawyers, a Sudanese rights group, said on Monday that artillery fired by the Rapid Support "
         "Forces from the east of the city hit the El Fasher market on Sunday, killing 19 people.",
         "The Emergency Lawyers, a Sudanese rights group", "Emergency Lawyers", "said",
         ("that artillery fired by the Rapid Support Forces from the east of the city hit the El Fasher market on "
          "Sunday, killing 19 people",), A.ATTRIBUTE, target="Rapid Support Forces"),  # the clause runs on
    Case('"Our forces did not fire a single shell at the market," RSF adviser Youssef Ezzat told Nile Wire by '
         "telephone.", "RSF adviser Youssef Ezzat", "Youssef Ezzat", "told",
         ("Our forces did not fire a single shell at the market",), A.DENY, C.INTERVIEW, "Nile Wire", target="RSF"),
    Case("The Israeli military said it struck a Hamas compound. Military spokesman Peter Lerner said the military "
         "was not aware of any civilian casualties.", "Military spokesman Peter Lerner", "Peter Lerner", "said",
         ("the military was not aware of any civilian casualties",), A.DENY, nth=2),  # harm to civilians denied
    Case("UNRWA said that an Israeli strike on one of its schools in central Gaza killed 35 people.", "UNRWA", "UNRWA",
         "said", ("that an Israeli strike on one of its schools in central Gaza killed 35 people",), A.ATTRIBUTE,
         target="Israeli strike on one of its schools in central Gaza"),  # "its schools" is the victim's, not the doer's
    # ---- frames the tagger draws on the wrong words
    # the tagger takes "on Tuesday" for the cue; the speaker is the name at the head, not the umbrella in its apposition
    Case("Kataib Hezbollah, one of the most powerful factions in the Popular Mobilization Forces, on Tuesday denied any "
         "involvement in the attack.", "Kataib Hezbollah, one of the most powerful factions in the Popular Mobilization "
         "Forces", "Kataib Hezbollah", "denied", ("any involvement in the attack",), A.DENY),
    # "according to a statement" names the channel of the group's own statement, not a second speaker
    Case("The Islamic Resistance in Iraq said its fighters had targeted the base with drones, according to a statement "
         "posted on its channels.", "The Islamic Resistance in Iraq", "Islamic Resistance in Iraq", "said",
         ("its fighters had targeted the base with drones",), A.CLAIM_RESPONSIBILITY, C.STATEMENT),
    Case("A little-known group calling itself the Brigades of Wrath claimed responsibility for the attack.",
         "A little-known group calling itself the Brigades of Wrath", "Brigades of Wrath", "claimed",
         ("responsibility for the attack",), A.CLAIM_RESPONSIBILITY, target="Brigades of Wrath"),
    # an armed attack is what the governor said, not a political "attack" by the forces (the model's reading)
    Case("Russian forces attacked the port of Odesa with drones overnight, killing two people, regional governor Oleh "
         "Kiper said on Telegram.", "regional governor Oleh Kiper", "Oleh Kiper", "said",
         ("Russian forces attacked the port of Odesa with drones overnight, killing two people",), A.ATTRIBUTE,
         C.TWEET, target="Russian forces"),
    # shooting down drones claims no attack; the drones' sender is named
    Case("The air force said its air defences had shot down 30 of the 35 drones Russia launched.", "The air force",
         None, "said", ("its air defences had shot down 30 of the 35 drones Russia launched",), A.ATTRIBUTE,
         target="Russia"),
    # a label is no demand: "calling it a war crime" accuses, "called the reports baseless" denies
    Case("The governor condemned the strike, calling it a war crime.", "The governor", None, "calling",
         ("it a war crime",), A.ACCUSE),
    Case("The spokesman called the reports baseless.", "The spokesman", None, "called", ("the reports baseless",),
         A.DENY),
    # the parser made the civilians the subject; the named speaker after the comma is the source
    Case("Russian warplanes struck a market in Idlib province, killing at least 18 civilians, including five children, "
         "the Syrian Observatory for Human Rights said.", "the Syrian Observatory for Human Rights",
         "Syrian Observatory for Human Rights", "said",
         ("Russian warplanes struck a market in Idlib province, killing at least 18 civilians, including five children",),
         A.ATTRIBUTE, target="Russian warplanes"),
    # a figure given without a speech verb; "the monitor" refers back to the observatory
    Case("The Syrian Civil Defence put the toll at 15 dead.", "The Syrian Civil Defence", "Syrian Civil Defence", "put",
         ("the toll at 15 dead",), A.ASSERT),
    Case("The Syrian Observatory for Human Rights said 18 people died. The Britain-based monitor said more than 30 "
         "were wounded.", "The Britain-based monitor", "Syrian Observatory for Human Rights", "said",
         ("more than 30 were wounded",), A.ASSERT, nth=2),
    # a possessive role names the body named before: the centre's deputy head speaks for the centre
    Case("The Russian Centre for Reconciliation of the Opposing Parties in Syria denied the reports. The centre's deputy "
         "head, Rear Admiral Vadim Kulit, said the reports were a staged provocation.",
         "The centre's deputy head, Rear Admiral Vadim Kulit", None, "said", ("the reports were a staged provocation",),
         A.DENY),
    # "on Tuesday" dates the saying: the content starts after it
    Case("The Houthis said on Tuesday they had targeted a cargo ship in the Red Sea.", "The Houthis", "Houthis",
         "said", ("they had targeted a cargo ship in the Red Sea",), A.CLAIM_RESPONSIBILITY, target="Houthis"),
    # in reported speech "it"/"they" doing the act is the speaker; firing rockets is the act, not a defence
    Case("Hamas said it fired rockets at Tel Aviv.", "Hamas", "Hamas", "said", ("it fired rockets at Tel Aviv",),
         A.CLAIM_RESPONSIBILITY, target="Hamas"),
    # in a quote "they" are others
    Case('"They bombed our homes," the villagers said.', "the villagers", None, "said", ("They bombed our homes",),
         A.ACCUSE),
    # a weapon as the agent names no perpetrator
    Case("UKMTO said a vessel was hit by a projectile off Hodeidah.", "UKMTO", "UKMTO",
         "said", ("a vessel was hit by a projectile off Hodeidah",), A.ASSERT),
    # a person's reported "he" doing the act is the person; an organisation's "he" is someone else
    Case("Commander Ahmed al-Saadi said he shelled the village because militants were hiding there.",
         "Commander Ahmed al-Saadi", "Ahmed al-Saadi", "said",
         ("he shelled the village because militants were hiding there",), A.CLAIM_RESPONSIBILITY, target="Ahmed al-Saadi"),
    Case("Police said he shot three people at the market.", "Police", None, "said",
         ("he shot three people at the market",), A.ATTRIBUTE, target="he"),
    # ---- other
    Case("The spokesman asked whether the convoy had permission to cross?", "The spokesman", None, "asked",
         ("whether the convoy had permission to cross",), A.OTHER),
]
# fmt: on


@pytest.fixture(scope="module")
def results(analyze: Callable[..., Analysis]) -> dict[str, Analysis]:
    return {case.text: analyze(case.text) for case in CASES}


def _find(analysis: Analysis, cue: str, nth: int) -> Statement:
    start, end = _offsets(analysis.report.text, cue, nth)
    found = [s for s in analysis.statements if s.cue is not None and (s.cue.start, s.cue.end) == (start, end)]
    assert found, f"no statement with cue {cue!r}; got {[(s.cue.text if s.cue else None) for s in analysis.statements]}"
    return found[0]


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_sentence(case: Case, results: dict[str, Analysis]) -> None:
    analysis = results[case.text]
    text = analysis.report.text
    statement = _find(analysis, case.cue, case.nth)
    if case.speaker is None:
        assert statement.speaker is None
    else:
        assert statement.speaker is not None
        assert (statement.speaker.start, statement.speaker.end) == _offsets(text, case.speaker, case.speaker_nth)
    if case.speaker_name is not None:
        assert statement.speaker_name == case.speaker_name
    assert [(c.start, c.end) for c in statement.content] == [_offsets(text, part) for part in case.content]
    assert statement.stance == case.stance
    if case.channel is not None:
        assert statement.channel.kind == case.channel
    if case.outlet is not None:
        assert statement.channel.outlet == case.outlet
    if case.target is not None:
        assert statement.stance_target == case.target


def test_a_statement_named_by_according_to_is_one_statement(results: dict[str, Analysis]) -> None:
    text = next(t for t in results if t.startswith("The Islamic Resistance in Iraq said"))
    assert [s.cue.text for s in results[text].statements if s.cue is not None] == ["said"]


def test_a_deputy_head_of_the_centre_named_before_speaks_for_it(results: dict[str, Analysis]) -> None:
    text = next(t for t in results if t.startswith("The Russian Centre for Reconciliation"))
    kulit = next(s for s in results[text].statements if s.speaker is not None and "Kulit" in s.speaker.text)
    assert kulit.speaker_actor_id == "russia_reconciliation"
