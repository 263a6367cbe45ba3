/**
 * Training data sets (engine-free): synthetic mixtures, CSV points, MNIST-format IDX files,
 * CIFAR-10, Stacked MNIST and folders of images; their checksum-verified download; mini-batch
 * order and background batch preparation.
 */
package org.gantry.data;
