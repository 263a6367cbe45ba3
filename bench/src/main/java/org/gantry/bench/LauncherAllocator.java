package org.gantry.bench;

import java.util.Map;

/**
 * The glibc allocator settings Gantry's launcher exports ({@code gantry-env.sh}, marked by
 * GANTRY_MALLOC=launcher), for child processes that must run without them: the PyTorch peer, run as
 * its users run it, and the stress check's poisoned children, whose conditions earlier results were
 * measured under. Settings the user exported are not the launcher's and stay.
 */
final class LauncherAllocator {
    private LauncherAllocator() {}

    static boolean active() {
        return "launcher".equals(System.getenv("GANTRY_MALLOC"));
    }

    /** Removes the launcher's MALLOC_* settings from a child's environment. */
    static void removeFrom(Map<String, String> env) {
        if (active()) {
            env.keySet().removeIf(k -> k.startsWith("MALLOC_"));
        }
    }
}
