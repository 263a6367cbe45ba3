/** Where a trial stands: the record the driver keeps per trial. */
package org.gantry.study.state;
