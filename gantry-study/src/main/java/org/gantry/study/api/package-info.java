/** Studies from Java: a builder, reading a study file, running it. */
package org.gantry.study.api;
