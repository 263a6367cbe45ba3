package org.gantry.cli;

import org.gantry.core.engine.Provenance;
import picocli.CommandLine;

/** Prints Gantry's version for {@code --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"gantry " + Provenance.gantryVersion()};
    }
}
