/** The study file: its own keys, its free-form sections, and the checked {@code StudySpec}. */
package org.gantry.study.spec;
