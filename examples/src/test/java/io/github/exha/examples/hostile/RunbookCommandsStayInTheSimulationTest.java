package io.github.exha.examples.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.Command;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.examples.architecture.SandboxRules;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * At run time, the commands a lab actually registers (every module's {@code Multibinder} contributions, as
 * {@code exha commands} lists them) cannot reach the machine: starting from each command's class, every exha class
 * its code can call — following calls into exha's interfaces to all their implementations, since Guice may bind any —
 * never starts a process, opens a socket or URL connection, touches a machine file or exits the JVM. The
 * architecture rule ({@code SandboxRules}) bans these calls by package; this test proves the stronger fact for the
 * commands a runbook can name, including the CLI and the topology loader being out of their reach.
 */
@AnalyzeClasses(packages = RunbookCommandsStayInTheSimulationTest.ROOT,
        importOptions = ImportOption.DoNotIncludeTests.class) // as ArchitectureTest: ArchUnit imports the classes once
class RunbookCommandsStayInTheSimulationTest {
    static final String ROOT = "io.github.exha";

    @ArchTest
    static void noRegisteredCommandCanReachAProcessASocketAFileOrSystemExit(JavaClasses classes) {
        Lab lab = ExamplesModule.createLab(new LabSpec(TopologySource.file(Path.of("topologies", "seed-004-ccr.yaml")),
                OptionalLong.empty()));
        List<Command> commands = lab.commands().all();
        long started = System.nanoTime();
        Map<JavaClass, JavaClass> reachedFrom = new LinkedHashMap<>();
        Deque<JavaClass> todo = new ArrayDeque<>();
        for (Command command : commands) {
            JavaClass start = classes.get(command.getClass());
            if (reachedFrom.putIfAbsent(start, start) == null) {
                todo.add(start);
            }
        }
        List<String> violations = new ArrayList<>();
        while (!todo.isEmpty()) {
            JavaClass current = todo.poll();
            for (JavaAccess<?> access : current.getAccessesFromSelf()) {
                if (SandboxRules.reachesTheMachine(access)) {
                    violations.add(access.getDescription() + " via " + chain(current, reachedFrom));
                }
                JavaClass owner = access.getTargetOwner();
                if (!owner.getPackageName().startsWith(ROOT)) {
                    // A JDK type: its own calls are checked above; its implementations in exha are reached, if at
                    // all, where exha code creates them (a constructor call is an access too).
                    continue;
                }
                List<JavaClass> next = new ArrayList<>();
                next.add(owner);
                next.addAll(owner.getAllSubclasses());
                for (JavaClass candidate : next) {
                    if (candidate.getPackageName().startsWith(ROOT) && reachedFrom.putIfAbsent(candidate, current) == null) {
                        todo.add(candidate);
                    }
                }
            }
        }
        System.out.println("RunbookCommandsStayInTheSimulationTest: " + commands.size() + " commands reach "
                + reachedFrom.size() + " exha classes, walked in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertThat(commands).hasSizeGreaterThan(50);
        List<String> exempt = reachedFrom.keySet().stream().filter(c -> c.getPackageName().equals(ROOT + ".examples.cli")
                || c.getName().startsWith(ROOT + ".core.topology.TopologyLoader")).map(c -> chain(c, reachedFrom))
                .toList();
        assertThat(exempt).as("the CLI and the topology loader, which may read files, are out of the commands' reach")
                .isEmpty();
        assertThat(violations).isEmpty();
    }

    private static String chain(JavaClass end, Map<JavaClass, JavaClass> reachedFrom) {
        List<String> names = new ArrayList<>();
        for (JavaClass c = end; ; c = reachedFrom.get(c)) {
            names.add(0, c.getSimpleName());
            if (reachedFrom.get(c) == c || names.size() > 30) {
                break;
            }
        }
        return String.join(" -> ", names);
    }
}
