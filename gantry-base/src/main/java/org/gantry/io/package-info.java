/** Output helpers: atomic file writes and JSON. */
package org.gantry.io;
