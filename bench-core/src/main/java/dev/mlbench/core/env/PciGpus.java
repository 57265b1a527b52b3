package dev.mlbench.core.env;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists the GPUs and accelerators on this machine's PCI bus from sysfs, whatever their vendor and whether or
 * not a driver or GPU backend is installed: the CUDA probe alone misses AMD and Intel GPUs and any NVIDIA GPU
 * without a working driver, and a fleet's environment must still say the node has them.
 */
public final class PciGpus {

    /** PCI base class 0x03: display controllers (VGA, 3D); 0x12: processing accelerators. */
    private static final List<String> GPU_CLASSES = List.of("0x03", "0x12");
    private static final Map<String, String> VENDORS = Map.of("0x10de", "NVIDIA", "0x1002", "AMD", "0x8086", "Intel",
            "0x1a03", "ASPEED", "0x1234", "QEMU", "0x15ad", "VMware", "0x1af4", "Red Hat (virtio)", "0x1d0f", "Amazon");

    private PciGpus() {
    }

    /** The GPUs under {@code /sys/bus/pci/devices}; empty where there are none or sysfs is absent. */
    public static List<Map<String, Object>> list() {
        return list(Path.of("/sys/bus/pci/devices"));
    }

    /** The GPUs under {@code devices}, a sysfs PCI devices folder. */
    static List<Map<String, Object>> list(Path devices) {
        List<Map<String, Object>> gpus = new ArrayList<>();
        if (!Files.isDirectory(devices)) {
            return gpus;
        }
        try (Stream<Path> all = Files.list(devices)) {
            for (Path d : all.sorted().toList()) {
                String pciClass = read(d.resolve("class"));
                if (pciClass == null || GPU_CLASSES.stream().noneMatch(pciClass::startsWith)) {
                    continue;
                }
                String vendor = read(d.resolve("vendor"));
                Map<String, Object> gpu = new LinkedHashMap<>();
                gpu.put("source", "pci");
                gpu.put("pci_address", d.getFileName().toString());
                gpu.put("vendor", vendor == null ? null : VENDORS.getOrDefault(vendor, vendor));
                gpu.put("vendor_id", vendor);
                gpu.put("device_id", read(d.resolve("device")));
                gpu.put("class", pciClass);
                gpu.put("driver", driver(d));
                gpus.add(gpu);
            }
        } catch (IOException | RuntimeException e) {
            // sysfs unreadable (a container hiding it): the list stays what was read so far
        }
        return gpus;
    }

    private static String driver(Path device) {
        try {
            Path link = device.resolve("driver");
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
