/** Point sequences in the unit cube (scrambled Sobol', scrambled Halton, random, grid) and how a coordinate becomes a value. */
package org.gantry.study.search;
