"""Event typing: a small CPU text classifier over the 30 CASE 2021 Task 2 types, and the type tables.

The classifier is TF-IDF over word 1-2-grams and character 2-5-grams (inside word boundaries),
plus a handful of cue-word indicator features, fed to a one-vs-rest linear SVM.
``scripts/train_event_types.py`` trains it, reports stratified k-fold cross-validated figures and
writes the shipped artefact ``rashomon/data/models/event_types.npz``: vocabularies, idf weights and
the coefficient matrix as plain arrays (no pickle), so loading it cannot execute code.

``CASE_TO_ACLED`` maps each CASE label to the ACLED event type and sub-event type it stands for
(the five labels outside ACLED map to ``None``), and ``CASE_TO_PLOVER`` to a PLOVER type and mode.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from rashomon.errors import PipelineError

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

MODEL_RESOURCE = "event_types.npz"

# ACLED (event_type, sub_event_type) of each CASE 2021 Task 2 label (ACLED codebook 2019 names).
CASE_TO_ACLED: dict[str, tuple[str, str] | None] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}

# PLOVER (type, mode) of each CASE label; modes follow PLOVER 2.0 where it has them.
CASE_TO_PLOVER: dict[str, tuple[str, str | None]] = {
    "ARMED_CLASH": ("FIGHT", "small-arms"),
    "GOV_REGAINS_TERIT": ("FIGHT", "occupy"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("FIGHT", "occupy"),
    "CHEM_WEAP": ("ASSAULT", "wmd"),
    "AIR_STRIKE": ("ASSAULT", "aerial"),
    "SUIC_BOMB": ("ASSAULT", "explosive"),
    "ART_MISS_ATTACK": ("ASSAULT", "artillery"),
    "REM_EXPLOS": ("ASSAULT", "explosive"),
    "GRENADE": ("ASSAULT", "explosive"),
    "SEX_VIOL": ("ASSAULT", "sexual"),
    "ATTACK": ("ASSAULT", "beat"),
    "ABDUCT_DISSAP": ("ASSAULT", "abduct"),
    "PEACE_PROTEST": ("PROTEST", "demo"),
    "PROTEST_WITH_INTER": ("PROTEST", "demo"),
    "FORCE_AGAINST_PROTEST": ("COERCE", "repression"),
    "VIOL_DEMONSTR": ("PROTEST", "riot"),
    "MOB_VIOL": ("ASSAULT", "beat"),
    "AGREEMENT": ("AGREE", None),
    "ARREST": ("COERCE", "arrest"),
    "CHANGE_TO_GROUP_ACT": ("MOBILIZE", None),
    "DISR_WEAP": ("SEIZE", "weapons"),
    "HQ_ESTABLISHED": ("MOBILIZE", None),
    "NON_VIOL_TERRIT_TRANSFER": ("RETREAT", None),
    "OTHER": ("OTHER", None),
    "PROPERTY_DISTRUCT": ("ASSAULT", "destruction"),
    "ORG_CRIME": ("OTHER", "crime"),
    "NATURAL_DISASTER": ("OTHER", "natural-disaster"),
    "MAN_MADE_DISASTER": ("OTHER", "accident"),
    "DIPLO": ("CONSULT", None),
    "ATTRIB": ("ACCUSE", None),
}

# Cue words whose presence is given to the model as extra indicator features. The lists come
# from the ACLED codebook's sub-event definitions; they add signal the n-grams see too rarely
# in 500 snippets (e.g. one "drone" per class).
CUES: dict[str, tuple[str, ...]] = {
    "air": ("airstrike", "air strike", "air raid", "warplane", "jet", "drone", "helicopter", "bombard", "aircraft", "sortie"),
    "artillery": ("shell", "mortar", "artillery", "rocket", "missile", "katyusha", "howitzer", "grad"),
    "ied": ("ied", "roadside", "landmine", "mine", "improvised explosive", "explosive device", "car bomb", "vbied",
            "sticky bomb"),
    "suicide": ("suicide", "self-detonat", "blew himself", "blew herself", "explosive vest", "suicide vest"),
    "grenade": ("grenade",),
    "chemical": ("chemical", "chlorine", "sarin", "toxic gas", "mustard gas", "nerve agent", "poison gas"),
    "disrupt": ("defused", "defuse", "seized weapons", "cache", "dismantl", "bomb disposal", "weapons were seized",
                "recovered", "confiscat"),
    "protest": ("protest", "demonstrat", "rally", "march", "sit-in", "strike"),
    "violent_protest": ("stone", "pelted", "torched", "set fire", "vandal", "clashed with police", "rioter", "riot"),
    "force_protest": ("tear gas", "live ammunition", "opened fire on protesters", "water cannon", "rubber bullet", "dispersed"),
    "arrest": ("arrest", "detain", "custody", "apprehend", "taken into custody"),
    "abduct": ("abduct", "kidnap", "hostage", "disappear", "snatched"),
    "sexual": ("rape", "sexual", "molest", "gang-rape", "sexually"),
    "agreement": ("agreement", "ceasefire", "truce", "accord", "signed", "deal", "peace talks"),
    "territory": ("recaptur", "retook", "regained", "liberat", "took control", "seized control", "captured the", "overran"),
    "withdraw": ("withdrew", "handed over", "withdrawal", "handover", "pulled out"),
    "hq": ("headquarters", "base", "established", "set up"),
    "property": ("looted", "looting", "destroyed", "burned", "torched", "demolish"),
    "crime": ("drug", "cartel", "gang", "smuggl", "traffick", "robbery", "mafia"),
    "natural": ("earthquake", "flood", "cyclone", "hurricane", "landslide", "storm", "tsunami", "drought", "wildfire"),
    "manmade": ("fire broke", "collapsed", "accident", "derail", "crash", "leak", "explosion at", "blaze", "stampede"),
    "diplo": ("minister", "visit", "talks", "met with", "summit", "ambassador", "bilateral"),
    "attrib": ("claimed responsibility", "blamed", "accused", "attributed", "responsible for"),
    "mob": ("mob", "lynch", "vigilante", "angry crowd"),
    "clash": ("clash", "exchange of fire", "gunfight", "firefight", "fighting", "battle", "ambush"),
    "attack": ("gunmen", "shot dead", "stabbed", "beaten", "hacked", "killed by unknown"),
}
CUE_NAMES: tuple[str, ...] = tuple(CUES)
# Weight of the cue indicators relative to the unit-norm TF-IDF blocks; 0.3 was the best of
# {0.0, 0.3, 1.0} (weighted F1 0.700, 0.723, 0.682) in 5-fold CV of scripts/train_event_types.py on the CASE dev file.
CUE_WEIGHT = 0.3

_DIGITS = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower-case and map every digit to 0, so numbers and dates generalise."""
    return _DIGITS.sub("0", text.lower())


def cue_features(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), len(CUE_NAMES)), dtype=np.float64)
    for i, text in enumerate(texts):
        low = text.lower()
        for j, name in enumerate(CUE_NAMES):
            if any(cue in low for cue in CUES[name]):
                out[i, j] = CUE_WEIGHT
    return out


def make_vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """The two TF-IDF blocks, unfitted; shared by training and loading so they cannot drift."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(preprocessor=normalise, ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(preprocessor=normalise, analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    return word, char


def featurise(word: TfidfVectorizer, char: TfidfVectorizer, texts: Sequence[str]) -> csr_matrix:
    from scipy.sparse import csr_matrix, hstack

    return hstack([word.transform(texts), char.transform(texts), csr_matrix(cue_features(texts))]).tocsr()


@dataclass(frozen=True)
class EventTypeModel:
    """A fitted linear classifier over ``featurise`` features."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        x = featurise(self.word, self.char, texts)
        return np.asarray(x @ self.coef.T) + self.intercept

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [self.classes[i] for i in np.argmax(self.scores(texts), axis=1)]

    def save(self, path: str) -> None:
        np.savez_compressed(
            path,
            word_vocab=np.array(self.word.get_feature_names_out(), dtype=str),
            word_idf=self.word.idf_,
            char_vocab=np.array(self.char.get_feature_names_out(), dtype=str),
            char_idf=self.char.idf_,
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            classes=np.array(self.classes, dtype=str),
        )


def model_from_arrays(arrays: dict[str, np.ndarray]) -> EventTypeModel:
    word, char = make_vectorizers()
    word.set_params(vocabulary={t: i for i, t in enumerate(arrays["word_vocab"].tolist())})
    char.set_params(vocabulary={t: i for i, t in enumerate(arrays["char_vocab"].tolist())})
    word.fit(["x"])  # fitting with a fixed vocabulary only builds the analyser; idf_ is set next
    char.fit(["xx"])
    word.idf_ = arrays["word_idf"]
    char.idf_ = arrays["char_idf"]
    return EventTypeModel(
        word=word,
        char=char,
        coef=arrays["coef"].astype(np.float64),
        intercept=arrays["intercept"].astype(np.float64),
        classes=tuple(arrays["classes"].tolist()),
    )


@functools.cache
def load_event_type_model() -> EventTypeModel:
    """The shipped classifier (read-only package data, loaded once per process)."""
    ref = resources.files("rashomon.data").joinpath("models", MODEL_RESOURCE)
    if not ref.is_file():
        raise PipelineError(
            f"event type model {MODEL_RESOURCE} is missing from rashomon/data/models; "
            "rebuild it with `.venv/bin/python scripts/train_event_types.py "
            "--data ../shared/data/case2021_task2/event_snippets.tsv`"
        )
    with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as npz:
        return model_from_arrays({k: npz[k] for k in npz.files})
