/** Sample quality metrics (engine-free). */
package org.gantry.eval;
