/** The study driver, its directory, and the executors that run trial segments (the local pool of worker JVMs). */
package org.gantry.study.run;
