/** Run outputs written by listeners: metric logs and sample plots. */
package org.gantry.core.output;
