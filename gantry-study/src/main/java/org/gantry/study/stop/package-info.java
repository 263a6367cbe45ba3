/** Early stopping: none, racing (paired tests with Holm's correction) and asynchronous successive halving. */
package org.gantry.study.stop;
