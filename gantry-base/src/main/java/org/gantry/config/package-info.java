/** Configuration: declared settings, layered resolution with precise errors, and registries of named implementations. */
package org.gantry.config;
