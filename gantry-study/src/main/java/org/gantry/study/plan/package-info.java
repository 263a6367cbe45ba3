/** Configurations and trials of a study, with every trial's training configuration built and checked up front. */
package org.gantry.study.plan;
