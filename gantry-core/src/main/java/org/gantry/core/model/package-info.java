/**
 * The networks of a run as trainable objects: a block with its parameters, optimizer and
 * checkpointable state ({@link org.gantry.core.model.Network}), and the generator, discriminator
 * and averaged generator that make up one GAN ({@link org.gantry.core.model.GanModel}).
 */
package org.gantry.core.model;
