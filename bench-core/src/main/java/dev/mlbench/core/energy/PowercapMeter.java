package dev.mlbench.core.energy;

import dev.mlbench.core.spi.Availability;
import dev.mlbench.core.spi.EnergyMeter;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU energy from the Linux powercap interface ({@code /sys/class/powercap/intel-rapl:*}, which AMD Zen also
 * uses on recent kernels). Every RAPL zone is a domain named by its {@code name} file ({@code package-0},
 * {@code core}, {@code dram}...); {@code energy_uj} is read before and after each iteration and a counter
 * that wrapped is corrected with {@code max_energy_range_uj}. Packages and DRAM make the total; core, uncore
 * and psys zones are reported but not added (they are inside a package, or contain everything).
 *
 * <p>The root is {@value #DEFAULT_ROOT} unless the system property {@value #ROOT_PROPERTY} names another,
 * so tests can use a fake tree.
 */
public final class PowercapMeter implements EnergyMeter {

    /** System property naming another powercap root. */
    public static final String ROOT_PROPERTY = "bench.powercap.root";
    /** The kernel's powercap root. */
    public static final String DEFAULT_ROOT = "/sys/class/powercap";

    private final Path root;

    /** The meter of the configured root. */
    public PowercapMeter() {
        this(Path.of(System.getProperty(ROOT_PROPERTY, DEFAULT_ROOT)));
    }

    /** The meter of the powercap tree at {@code root}. */
    public PowercapMeter(Path root) {
        this.root = root;
    }

    /** One RAPL zone: its directory, domain name and counter range in microjoules. */
    record Zone(Path dir, String domain, long maxRangeUj) {
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public Availability availability() {
        try {
            List<Zone> zones = zones();
            for (Zone z : zones) {
                readUj(z); // the counters are often root-only (since Linux 5.10): find out now
            }
            return Availability.available(zones.size() + " RAPL zone(s): " + String.join(", ", zones.stream().map(Zone::domain).toList()));
        } catch (IOException e) {
            return Availability.unavailable(reason(e));
        }
    }

    @Override
    public String describe() {
        try {
            List<String> domains = zones().stream().map(Zone::domain).toList();
            return "RAPL via powercap (" + root + "): " + String.join(", ", domains)
                    + "; the total adds packages and DRAM; a package domain counts every process on the socket, not only the benchmark";
        } catch (IOException e) {
            return "RAPL via powercap (" + root + "): " + reason(e);
        }
    }

    @Override
    public Session open() throws IOException {
        List<Zone> zones = zones();
        Map<Zone, Long> last = new HashMap<>();
        for (Zone z : zones) {
            last.put(z, readUj(z));
        }
        return new Session() {
            @Override
            public Map<String, Double> joulesSinceLast() throws IOException {
                Map<String, Double> joules = new LinkedHashMap<>();
                for (Zone z : zones) {
                    long now = readUj(z);
                    joules.merge(z.domain(), deltaUj(last.get(z), now, z.maxRangeUj()) / 1e6, Double::sum);
                    last.put(z, now);
                }
                return joules;
            }

            @Override
            public boolean inTotal(String domain) {
                return domain.startsWith("package") || domain.equals("dram");
            }
        };
    }

    /**
     * Microjoules between two readings of a counter that wraps to 0 after {@code maxRangeUj}; at most one
     * wrap between readings can be told apart (at 200 W a 2^38 µJ counter wraps every 20 minutes).
     */
    static long deltaUj(long before, long after, long maxRangeUj) {
        return after >= before ? after - before : maxRangeUj - before + after + 1;
    }

    /** The RAPL zones under the root, top-level and nested, in name order; domain names made unique. */
    List<Zone> zones() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "no powercap interface");
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(p -> p.getFileName().toString().startsWith("intel-rapl:")).sorted().toList();
        }
        if (dirs.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null, "no RAPL zones (intel-rapl:*)");
        }
        List<Zone> zones = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Path dir : dirs) {
            String name = Files.readString(dir.resolve("name")).trim();
            int n = seen.merge(name, 1, Integer::sum);
            String domain = n == 1 ? name : name + "-" + (n - 1); // two packages' "core" zones stay apart
            zones.add(new Zone(dir, domain, Long.parseLong(Files.readString(dir.resolve("max_energy_range_uj")).trim())));
        }
        return zones;
    }

    private static long readUj(Zone z) throws IOException {
        Path file = z.dir().resolve("energy_uj");
        String text = Files.readString(file).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("unreadable counter " + file + ": '" + text + "'");
        }
    }

    /** The unavailable reason for a failed read, naming the file and what to do. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage() + " (RAPL counters are readable by root only since Linux 5.10;"
                    + " run as root or grant read access)";
        }
        if (e instanceof NoSuchFileException n && n.getReason() != null) {
            return n.getReason() + " (" + n.getFile() + (n.getReason().startsWith("no powercap") ? " is absent)" : ")");
        }
        if (e instanceof NoSuchFileException) {
            return "missing " + e.getMessage();
        }
        return "cannot read powercap: " + e.getMessage();
    }
}
