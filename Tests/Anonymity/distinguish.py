"""Distinguishers: random forest, gradient boosting and logistic regression, k-fold cross-validated out-of-fold
scores, ROC AUC with a bootstrap 95% confidence interval (apps resampled with replacement)."""

import warnings

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FOLDS = 5
BOOTSTRAP = 1000


def classifiers(seed):
    return {
        "random forest": lambda: RandomForestClassifier(n_estimators=300, min_samples_leaf=2, random_state=seed,
                                                        n_jobs=1),
        "gradient boosting": lambda: GradientBoostingClassifier(n_estimators=150, max_depth=3, random_state=seed),
        "logistic regression": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000)),
    }


def out_of_fold(make, features, labels, seed):
    scores = np.zeros(len(labels))
    folds = StratifiedKFold(n_splits=min(FOLDS, int(min(labels.sum(), (1 - labels).sum()))), shuffle=True,
                            random_state=seed)
    for train, test in folds.split(features, labels):
        model = make()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(features[train], labels[train])
            scores[test] = model.predict_proba(features[test])[:, 1]
    return scores


def auc_interval(labels, scores, seed):
    """The AUC and its bootstrap 95% interval."""
    generator = np.random.default_rng(seed)
    auc = roc_auc_score(labels, scores)
    samples = []
    while len(samples) < BOOTSTRAP:
        pick = generator.integers(0, len(labels), len(labels))
        if 0 < labels[pick].sum() < len(pick):
            samples.append(roc_auc_score(labels[pick], scores[pick]))
    low, high = np.percentile(samples, [2.5, 97.5])
    return auc, low, high


def evaluate(features, labels, seed=1):
    """{classifier name: (auc, low, high)} for one feature matrix (apps × features) and 0/1 labels (1 = source)."""
    features = np.nan_to_num(np.asarray(features, dtype=float))
    labels = np.asarray(labels, dtype=int)
    return {name: auc_interval(labels, out_of_fold(make, features, labels, seed), seed)
            for name, make in classifiers(seed).items()}
