package org.gantry.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.gantry.core.run.Presets;
import picocli.CommandLine.Command;

/** Lists the presets, one line each. */
@Command(name = "presets", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "List the presets, one line each.")
final class PresetsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Map<String, String> all = Presets.descriptions();
        int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
        all.forEach((name, text) -> System.out.printf("%-" + width + "s  %s%s%n", name, text,
                name.equals(Presets.DEFAULT) ? " (default)" : ""));
        return 0;
    }
}
