/** Benchmarks that print tables: quality protocols, speed and memory. */
package org.gantry.bench;
