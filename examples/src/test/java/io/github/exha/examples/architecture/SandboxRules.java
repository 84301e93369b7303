package io.github.exha.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * A runbook and a topology are hostile input (README, "Hostile input"): nothing they reach may touch the machine exha
 * runs on. So no model code starts processes, opens sockets or URL connections, reads or writes the machine's files,
 * or ends the JVM. Paths in runbooks are virtual Windows paths on the simulated volumes ({@code cluster.fs}).
 *
 * <p>The exceptions, each a class that reads or writes a file the user named on the command line, never one a
 * runbook or topology names:
 * <ul>
 *   <li>{@code <root>.examples.cli..}: the {@code exha} CLI reads the runbook and topology files given as arguments,
 *       saves and deletes the {@code --resume} state file, lists the built-in scenarios packed in its jar, and sets
 *       the process's exit code;</li>
 *   <li>{@code <root>.core.topology.TopologyLoader} and {@code <root>.core.TopologySource}: load the topology file
 *       the CLI or an integrator names (bounded to 4 MiB, see DocumentScreen).</li>
 * </ul>
 * Benchmarks are a separate module that no other depends on; they are not on this classpath.
 *
 * <p>Wall-clock time, randomness and threads are the determinism rules' concern ({@link DeterminismRules}).
 */
public final class SandboxRules {

    /** No processes, sockets, URL connections, machine files or JVM exit outside the CLI and the topology loader. */
    @ArchTest
    public static final ArchRule NO_HOST_MACHINE_ACCESS = noHostMachineAccess(ExhaModule.ROOT);

    /** The machine's APIs a runbook must never reach: processes, network, files, JVM exit. */
    static final Set<String> HOST_TYPES = Set.of(
            "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.ProcessHandle",
            "java.net.Socket", "java.net.ServerSocket", "java.net.DatagramSocket", "java.net.MulticastSocket",
            "java.net.URLConnection", "java.net.HttpURLConnection", "java.net.http.HttpClient",
            "java.nio.channels.SocketChannel", "java.nio.channels.ServerSocketChannel",
            "java.nio.channels.DatagramChannel", "java.nio.channels.FileChannel",
            "java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.FileReader",
            "java.io.FileWriter", "java.io.RandomAccessFile",
            "java.nio.file.Files", "java.nio.file.Paths", "java.nio.file.FileSystems",
            "java.nio.file.spi.FileSystemProvider");

    private SandboxRules() {
    }

    /** The rule for the code base under {@code root}. */
    public static ArchRule noHostMachineAccess(String root) {
        List<String> allowed = List.of(root + ".core.topology.TopologyLoader", root + ".core.TopologySource");
        String cli = root + ".examples.cli";
        return noClasses()
                .that(describe("are not the CLI, the topology loader or TopologySource", (JavaClass c) ->
                        !c.getPackageName().equals(cli) && !c.getPackageName().startsWith(cli + ".")
                                && allowed.stream().noneMatch(a -> c.getName().equals(a)
                                        || c.getName().startsWith(a + "$"))))
                .should().accessTargetWhere(hostAccess())
                .because("a runbook or topology is hostile input: the world it drives is simulated, and nothing"
                        + " it reaches may start processes, open sockets, touch the machine's files or end the JVM");
    }

    private static DescribedPredicate<JavaAccess<?>> hostAccess() {
        return describe("it is a process, socket, URL connection, machine file or System.exit / Runtime.exec / halt",
                SandboxRules::reachesTheMachine);
    }

    /** Whether an access reaches the machine: a process, socket, URL connection, machine file or JVM exit. */
    public static boolean reachesTheMachine(JavaAccess<?> access) {
        String type = access.getTargetOwner().getName();
        String name = access.getTarget().getName();
        if (HOST_TYPES.contains(type)) {
            return true;
        }
        return switch (type) {
            case "java.lang.System" -> name.equals("exit") || name.equals("load") || name.equals("loadLibrary");
            case "java.lang.Runtime" -> name.equals("exec") || name.equals("exit") || name.equals("halt")
                    || name.equals("load") || name.equals("loadLibrary");
            case "java.net.URL" -> name.startsWith("open") || name.equals("getContent");
            case "java.nio.file.Path" -> name.equals("of") || name.equals("toFile");
            default -> false;
        };
    }
}
