/** A study read back from its directory: status text, tables and reports. */
package org.gantry.study.report;
