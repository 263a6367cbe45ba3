/**
 * Feature networks for the evaluation metrics (METHODS.md §6): a small CNN classifier trained and
 * cached per labelled data set ({@link org.gantry.core.features.ClassifierFeatures}), and any
 * TorchScript model given by path ({@link org.gantry.core.features.TorchScriptFeatures}). Both
 * implement the engine-free {@link org.gantry.eval.FeatureNetwork}.
 */
package org.gantry.core.features;
