package dev.mlbench.kernels.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/** Asks the dynamic linker whether a shared library can be opened, without binding anything to it. */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * Whether {@code name} opens through the same search a JNI binding's {@code dlopen} uses
     * (LD_LIBRARY_PATH, the ldconfig cache). The library is closed again before this returns.
     */
    @SuppressWarnings("restricted") // the JVM flags bench runs with enable native access; without them this only warns
    static boolean loadable(String name) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(name, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        } catch (RuntimeException e) {
            // Native access refused or not supported: we cannot tell, so let the binding try and report.
            return true;
        }
    }
}
