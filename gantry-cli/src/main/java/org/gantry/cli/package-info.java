/** The gantry command line. */
package org.gantry.cli;
