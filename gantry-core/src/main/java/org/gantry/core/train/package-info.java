/**
 * Training steps: the trainer with its seeded data and latent streams, and the dynamics that move
 * the players (alternating, consensus, ODE, gradient-regularised, functional gradient).
 */
package org.gantry.core.train;
