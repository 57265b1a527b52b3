package dev.mlbench.kernels.gpu.gemm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Without an NVIDIA GPU the CUDA source is still compiled, by clang's CUDA front end to PTX (clang comes
 * with PoCL, so CI has one): catches syntax and type errors in {@code gemm_tiled.cu} for several tilings.
 * clang is given small stand-ins for the two CUDA header functions the source uses, since no CUDA toolkit is
 * installed; NVRTC compiles the same source at run time on a GPU machine. Skipped when no clang is found.
 */
class CudaSourceTest {

    /** What the CUDA headers would declare: {@code __syncthreads} and {@code fmaf}. */
    private static final String SHIM = """
            static __attribute__((device)) __attribute__((always_inline)) void __syncthreads_impl() { __nvvm_bar_sync(0); }
            static __attribute__((device)) __attribute__((always_inline)) float fmaf(float a, float b, float c) { return __builtin_fmaf(a, b, c); }
            """;

    private static Optional<Path> clang;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findClang() {
        clang = Stream.of("clang", "clang-19", "clang-18", "clang-17", "clang-16", "clang-15")
                .flatMap(name -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .map(d -> Path.of(d).resolve(name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    @ParameterizedTest(name = "tile {0}, work {1}")
    @CsvSource({"1, 1", "2, 1", "16, 1", "32, 1", "4, 3", "16, 4", "16, 8", "32, 4"})
    void compilesToPtxWithOneEntryPointAndTheBlockSizeBound(int tile, int work) throws Exception {
        assumeTrue(clang.isPresent(), "no clang on PATH to compile the CUDA source with (CI gets one with PoCL)");
        Path source = dir.resolve("gemm_tiled.cu");
        try (InputStream in = CudaGemmKernel.class.getResourceAsStream(CudaGemmKernel.SOURCE)) {
            Files.write(source, in.readAllBytes());
        }
        Path shim = Files.writeString(dir.resolve("shim.h"), SHIM);
        Path ptx = dir.resolve("gemm-" + tile + "-" + work + ".ptx");
        List<String> command = List.of(clang.get().toString(), "-x", "cuda", "--cuda-device-only", "--cuda-gpu-arch=sm_70",
                "-nocudainc", "-nocudalib", "-Wno-unknown-cuda-version", "-O1",
                "-include", "__clang_cuda_builtin_vars.h",
                "-D__global__=__attribute__((global))", "-D__shared__=__attribute__((shared))",
                "-D__launch_bounds__(n)=__attribute__((launch_bounds(n)))", "-D__syncthreads()=__syncthreads_impl()",
                "-include", shim.toString(), "-DTILE=" + tile, "-DWORK=" + work, "-S", "-o", ptx.toString(), source.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "clang did not finish in 60 s");
        assertEquals(0, p.exitValue(), () -> "clang failed on gemm_tiled.cu with tile " + tile + ", work " + work + ":\n" + output);
        String text = Files.readString(ptx);
        assertTrue(text.contains(".entry gemm_tiled("), "no extern \"C\" entry point gemm_tiled in the PTX");
        assertTrue(text.contains(".maxntid " + tile * tile + ", 1, 1"), "launch bound is not TILE*TILE threads");
    }
}
