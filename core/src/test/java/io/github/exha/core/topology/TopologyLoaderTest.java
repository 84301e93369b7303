package io.github.exha.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.topology.SampleHostsSection.Host;
import io.github.exha.core.topology.SampleHostsSection.Hosts;
import io.github.exha.core.topology.SampleHostsSection.Nic;
import io.github.exha.core.topology.SampleHostsSection.Role;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TopologyLoaderTest {
    private static final SampleHostsSection HOSTS = new SampleHostsSection();

    private final TopologyLoader loader = new TopologyLoader(Set.of(HOSTS));

    private ExhaException failure(String yaml) {
        return catchThrowableOfType(ExhaException.class, () -> loader.parse("t.yaml", yaml));
    }

    private void assertFails(String yaml, CoreErrorCode code, String position, String... messageParts) {
        ExhaException e = failure(yaml);
        assertThat(e).as("expected %s for:%n%s", code, yaml).isNotNull();
        assertThat(e.code()).as(e.describe()).isEqualTo(code);
        assertThat(e.position()).as(e.describe()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("t.yaml:" + position));
        assertThat(e.getMessage()).contains(messageParts);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(TopologyLoaderTest.class.getResource("/topology/" + name)).toURI());
    }

    @Nested
    class ValidTopologies {
        @Test
        void topologyWithOnlyNameAndSeedLoadsWithDefaultStart() {
            Topology topology = loader.parse("t.yaml", "name: lab\nseed: 12\n");

            assertThat(topology).isEqualTo(new Topology("t.yaml", "lab", 12, Topology.DEFAULT_START, null, Map.of()));
            assertThat(topology.section(HOSTS)).isEmpty();
        }

        @Test
        void seedDefaultsToZeroAndMayBeNegative() {
            assertThat(loader.parse("t.yaml", "name: lab\n").seed()).isZero();
            assertThat(loader.parse("t.yaml", "name: lab\nseed: -9223372036854775808\n").seed()).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void minimalExampleFileLoadsWithoutAnySection() throws Exception {
            Topology topology = new TopologyLoader(Set.of()).load(resource("minimal.yaml"));

            assertThat(topology.name()).isEqualTo("minimal");
            assertThat(topology.seed()).isEqualTo(42);
            assertThat(topology.file()).endsWith("minimal.yaml");
        }

        @Test
        void twoSiteExampleBindsEveryHostNicRoleAndDuration() throws Exception {
            Topology topology = loader.load(resource("two-site-ccr.yaml"));

            assertThat(topology.start()).isEqualTo(Instant.parse("2008-03-01T08:00:00Z"));
            assertThat(topology.description()).startsWith("Clustered mailbox server EXCMS01");
            List<Host> hosts = topology.section(HOSTS).orElseThrow().hosts();
            assertThat(hosts).extracting(Host::name).containsExactly("EXNODE1", "EXNODE2", "EXSTANDBY");
            assertThat(hosts).extracting(Host::role).containsExactly(Role.CCR, Role.CCR, Role.STANDALONE);
            assertThat(hosts.get(0).heartbeat()).isEqualTo(Duration.ofMillis(1200));
            assertThat(hosts.get(1).nics()).containsExactly(new Nic("10.1.0.0/24", "Public"), new Nic("192.168.10.0/30", "Private"));
            assertThat(hosts.get(2).nics()).containsExactly(new Nic("10.2.0.0/24", null));
        }

        @Test
        void flowStyleExampleKeepsTextAsWrittenEvenWhereYamlWouldReadABoolean() throws Exception {
            Topology topology = loader.load(resource("flow-style.yaml"));

            assertThat(topology.seed()).isEqualTo(-7);
            assertThat(topology.section(HOSTS).orElseThrow().hosts())
                    .extracting(Host::site).containsExactly(null, "NO");
        }

        @Test
        void textKeysAcceptNumbersAsWritten() {
            Topology topology = loader.parse("t.yaml", "name: 2007\ndescription: 8.10\n");

            assertThat(topology.name()).isEqualTo("2007");
            assertThat(topology.description()).isEqualTo("8.10");
        }

        @Test
        void sectionWithEmptyValueCountsAsAbsent() {
            assertThat(loader.parse("t.yaml", "name: lab\nhosts:\n").section(HOSTS)).isEmpty();
        }

        @Test
        void byteOrderMarkIsSkipped(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("bom.yaml");
            Files.write(file, ("\uFEFFname: bom\n").getBytes(StandardCharsets.UTF_8));

            assertThat(loader.load(file).name()).isEqualTo("bom");
        }
    }

    @Nested
    class BuiltInKeys {
        @Test
        void emptyDocumentIsMissingTheName() {
            assertFails("", CoreErrorCode.TOPOLOGY_MISSING_KEY, "1:1", "'name'");
            assertFails("# nothing yet\n", CoreErrorCode.TOPOLOGY_MISSING_KEY, "1:1", "'name'");
        }

        @Test
        void topologyWithoutNameIsMissingTheNameAtTheFirstKey() {
            assertFails("\nseed: 1\n", CoreErrorCode.TOPOLOGY_MISSING_KEY, "2:1", "Missing required key 'name'");
        }

        @Test
        void rootThatIsNotAMappingIsATypeMismatch() {
            assertFails("- name: lab\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "1:1", "must be a mapping of keys", "found a list");
            assertFails("lab\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "1:1", "must be a mapping of keys", "found text 'lab'");
        }

        @Test
        void blankOrEmptyNameIsInvalid() {
            assertFails("name: '  '\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "1:7", "'name' must not be blank");
            assertFails("name:\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "1:6", "'name' must not be empty");
            assertFails("name: ~\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "1:7", "'name' must not be empty");
        }

        @Test
        void nameThatIsAListIsATypeMismatch() {
            assertFails("name: [a, b]\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "1:7", "'name'", "expected text, found a list");
        }

        @Test
        void seedMustBeAWholeNumberWithinLongRange() {
            assertFails("name: x\nseed: abc\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:7",
                    "'seed'", "expected a whole number, found text 'abc'");
            assertFails("name: x\nseed: '12'\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:7", "found text '12'");
            assertFails("name: x\nseed: 1.5\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:7", "found the number 1.5");
            assertFails("name: x\nseed: 9223372036854775808\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "2:7", "outside the range");
        }

        @Test
        void startMustBeAnInstant() {
            assertFails("name: x\nstart: March 2008\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:8",
                    "'start'", "expected an instant such as 2008-03-01T00:00:00Z, found text 'March 2008'");
            assertFails("name: x\nstart: 2008\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:8", "found the whole number 2008");
        }

        @Test
        void unknownTopLevelKeySuggestsTheNearestKnownKeyIgnoringCase() {
            assertFails("name: x\nHsots: []\n", CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "2:1",
                    "Unknown key 'Hsots' (did you mean 'hosts'?)", "Known keys: description, hosts, name, seed, start");
        }

        @Test
        void unknownTopLevelKeyFarFromAnyKnownKeyGetsNoSuggestion() {
            ExhaException e = failure("name: x\nmailboxes: []\n");

            assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_UNKNOWN_KEY);
            assertThat(e.getMessage()).doesNotContain("did you mean").contains("Known keys");
        }

        @Test
        void knownKeysListBuiltInsAndSectionsSorted() {
            assertThat(loader.knownKeys()).containsExactly("description", "hosts", "name", "seed", "start");
        }
    }

    @Nested
    class SectionErrors {
        private static final String HEAD = "name: lab\nhosts:\n";

        @Test
        void unknownKeyInAHostPointsAtTheKeyAndSuggestsTheNearest() {
            assertFails(HEAD + "  - name: A\n    cpus: 1\n    sitee: Redmond\n", CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "5:5",
                    "Unknown key 'hosts[0].sitee' (did you mean 'site'?)", "Known keys here: cpus, heartbeat, name, nics, role, site");
        }

        @Test
        void unknownKeyTwoListsDeepPointsAtTheKey() {
            assertFails(HEAD + "  - name: A\n    cpus: 1\n  - name: B\n    cpus: 1\n    nics:\n      - subnet: 10.0.0.0/8\n        netwrok: x\n",
                    CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "9:9", "'hosts[1].nics[0].netwrok' (did you mean 'network'?)");
        }

        @Test
        void textWhereAWholeNumberBelongsPointsAtTheValue() {
            assertFails(HEAD + "  - name: A\n    cpus: abc\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "4:11",
                    "Wrong type at 'hosts[0].cpus': expected a whole number, found text 'abc'");
        }

        @Test
        void quotedNumberIsTextAndNotCoercedToANumber() {
            assertFails(HEAD + "  - {name: A, cpus: \"4\"}\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:21",
                    "'hosts[0].cpus': expected a whole number, found text '4'");
        }

        @Test
        void fractionWhereAWholeNumberBelongsIsNotTruncated() {
            assertFails(HEAD + "  - {name: A, cpus: 1.5}\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:21",
                    "expected a whole number, found the number 1.5");
        }

        @Test
        void emptyValueForAPrimitiveIsATypeMismatch() {
            assertFails(HEAD + "  - name: A\n    cpus:\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "4:10",
                    "'hosts[0].cpus': expected a whole number, found nothing (an empty value)");
        }

        @Test
        void enumValuesMatchIgnoringCaseButUnknownValuesListTheChoices() {
            assertThat(loader.parse("t.yaml", HEAD + "  - {name: A, cpus: 1, role: Scc}\n").section(HOSTS).orElseThrow()
                    .hosts().get(0).role()).isEqualTo(Role.SCC);
            assertFails(HEAD + "  - {name: A, cpus: 1, role: mirror}\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:30",
                    "'hosts[0].role': expected one of STANDALONE, LCR, CCR, SCC, found text 'mirror'");
        }

        @Test
        void numberForAnEnumIsRefused() {
            assertFails(HEAD + "  - {name: A, cpus: 1, role: 2}\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:30",
                    "'hosts[0].role': expected one of");
        }

        @Test
        void durationThatIsNotIso8601IsATypeMismatch() {
            assertFails(HEAD + "  - name: A\n    cpus: 1\n    heartbeat: soon\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "5:16",
                    "'hosts[0].heartbeat': expected a duration such as PT15M, found text 'soon'");
        }

        @Test
        void mappingWhereTheListBelongsIsATypeMismatchAtTheValue() {
            assertFails(HEAD + "  name: A\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:3", "'hosts': expected a list, found a mapping");
        }

        @Test
        void textWhereAHostBelongsIsATypeMismatch() {
            assertFails(HEAD + "  - EXNODE1\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:5",
                    "'hosts[0]': expected a mapping, found text 'EXNODE1'");
        }

        @Test
        void missingRequiredKeyThreeLevelsDeepPointsAtItsMapping() {
            assertFails(HEAD + "  - name: A\n    cpus: 1\n  - name: B\n    cpus: 1\n    nics:\n      - subnet: 10.0.0.0/8\n      - network: Private\n",
                    CoreErrorCode.TOPOLOGY_MISSING_KEY, "9:9", "Missing required key 'hosts[1].nics[1].subnet'");
        }

        @Test
        void compactConstructorRejectionIsAnInvalidValueWithItsMessage() {
            assertFails(HEAD + "  - name: A\n    cpus: 1\n    nics:\n      - subnet: ten-net\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "6:9",
                    "Invalid value at 'hosts[0].nics[0]'", "subnet must be an IPv4 network such as 10.0.0.0/24, found 'ten-net'");
            assertFails(HEAD + "  - name: A\n    cpus: 65\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:5",
                    "Invalid value at 'hosts[0]': cpus must be between 1 and 64, found 65");
        }
    }

    @Nested
    class YamlSyntax {
        @Test
        void duplicateTopLevelKeyPointsAtTheSecondOccurrence() {
            assertFails("name: a\nseed: 1\nname: b\n", CoreErrorCode.TOPOLOGY_DUPLICATE_KEY, "3:1",
                    "Duplicate key 'name'", "first given at line 1, column 1");
        }

        @Test
        void duplicateKeyInANestedMappingNamesItsPath() {
            assertFails("name: a\nhosts:\n  - name: A\n    cpus: 1\n    cpus: 2\n", CoreErrorCode.TOPOLOGY_DUPLICATE_KEY, "5:5",
                    "Duplicate key 'hosts[0].cpus'", "first given at line 4, column 5");
        }

        @Test
        void malformedYamlReportsSnakeYamlsProblemAtItsMark() {
            assertFails("name: a: b\n", CoreErrorCode.TOPOLOGY_SYNTAX, "1:8", "YAML syntax error: mapping values are not allowed here");
            assertFails("name: x\nhosts: [1, 2\n", CoreErrorCode.TOPOLOGY_SYNTAX, "3:1", "expected ',' or ']'");
        }

        @Test
        void tabIndentationIsASyntaxError() {
            assertFails("name: x\nhosts:\n\t- name: A\n", CoreErrorCode.TOPOLOGY_SYNTAX, "3:1", "TAB");
        }

        @Test
        void controlCharacterIsASyntaxErrorAtTheCharacter() {
            assertFails("name: x\nseed: 1\u0007\n", CoreErrorCode.TOPOLOGY_SYNTAX, "2:8", "U+0007");
        }

        @Test
        void complexKeyIsRefused() {
            ExhaException e = failure("name: x\n? [a, b]\n: c\n");

            assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_SYNTAX);
            assertThat(e.getMessage()).contains("A key must be plain text");
            assertThat(e.position()).isPresent();
        }

        @Test
        void secondDocumentIsRefused() {
            assertFails("name: x\n---\nname: y\n", CoreErrorCode.TOPOLOGY_SYNTAX, "3:1", "one YAML document");
        }

        @Test
        void columnsCountUtf16UnitsAfterAstralCharacters() {
            assertFails("name: x\ndescription: \uD83D\uDCBE\uD83D\uDCBE\nseed: [1]\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "3:7", "'seed'");
            assertFails("name: \uD83D\uDCBE\uD83D\uDCBE: b\n", CoreErrorCode.TOPOLOGY_SYNTAX, "1:11", "mapping values");
        }
    }

    @Nested
    class HostileInput {
        @Test
        void javaTypeTagIsRefusedAtTheTag() {
            assertFails("name: x\nseed: !!java.lang.Runtime {}\n", CoreErrorCode.TOPOLOGY_SYNTAX, "2:7",
                    "YAML tags are not allowed", "'!!java.lang.Runtime'", "'seed'");
        }

        @Test
        void localTagOnAKeyIsRefused() {
            assertFails("name: x\n!foo seed: 1\n", CoreErrorCode.TOPOLOGY_SYNTAX, "2:1", "YAML tags are not allowed", "'!foo'");
        }

        @Test
        void binaryTagDeepInASectionIsRefused() {
            assertFails("name: x\nhosts:\n  - name: A\n    nics:\n      - subnet: !!binary aGk=\n", CoreErrorCode.TOPOLOGY_SYNTAX, "5:17",
                    "'!!binary'", "'hosts[0].nics[0].subnet'");
        }

        @Test
        void tagOnAListIsRefused() {
            assertFails("name: x\nhosts: !!seq []\n", CoreErrorCode.TOPOLOGY_SYNTAX, "2:8", "'!!seq'");
        }

        @Test
        void singleAliasIsRefusedRatherThanReadAsTheAnchorsName() {
            assertFails("name: &n lab\ndescription: *n\n", CoreErrorCode.TOPOLOGY_SYNTAX, "2:14", "aliases are not supported", "'*n'");
        }

        @Test
        @Timeout(10) // a guard against expanding the bomb (which would never finish), not a performance figure
        void billionLaughsIsTooLargeAndRefusedFast() {
            StringBuilder yaml = new StringBuilder("name: lol\nl0: &l0 [lol]\n");
            for (int level = 1; level <= 9; level++) {
                yaml.append('l').append(level).append(": &l").append(level).append(" [");
                for (int i = 0; i < 9; i++) {
                    yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
                }
                yaml.append("]\n");
            }
            ExhaException e = failure(yaml.toString());

            assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
            assertThat(e.getMessage()).contains("alias bomb");
            assertThat(e.position()).isPresent();
        }

        @Test
        void fewAliasesThatMultiplyTheDocumentAreTooLarge() {
            StringBuilder yaml = new StringBuilder("name: lol\nl0: &l0 [a, b, c, d, e, f, g, h, i, j]\n");
            for (int level = 1; level <= 8; level++) {
                yaml.append('l').append(level).append(": &l").append(level).append(" [*l").append(level - 1)
                        .append(", *l").append(level - 1).append(", *l").append(level - 1).append(", *l").append(level - 1).append("]\n");
            }

            assertThat(failure(yaml.toString()).code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
        }

        @Test
        void nestingDeeperThanTheLimitIsTooLarge() {
            String deep = "name: x\nhosts: " + "[".repeat(100) + "]".repeat(100) + "\n";

            assertFails(deep, CoreErrorCode.TOPOLOGY_TOO_LARGE, "2:71", "more than 64 levels");
        }

        @Test
        void veryDeepNestingIsRefusedWithoutOverflowingTheStack() {
            String deep = "name: x\nhosts: " + "[".repeat(200_000) + "\n";

            assertThat(failure(deep).code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
        }

        @Test
        void textOverFourMebibytesIsTooLarge() {
            String big = "name: x\ndescription: " + "x".repeat(TopologyLoader.MAX_CHARS) + "\n";

            assertFails(big, CoreErrorCode.TOPOLOGY_TOO_LARGE, "1:1", "at most 4194304");
        }

        @Test
        void fileOverFourMebibytesIsTooLargeWithoutReadingItAll(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("big.yaml");
            Files.writeString(file, "name: x\ndescription: " + "x".repeat(TopologyLoader.MAX_CHARS) + "\n");

            ExhaException e = catchThrowableOfType(ExhaException.class, () -> loader.load(file));

            assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
            assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.file()).isEqualTo(file.toString()));
        }

        @Test
        void absurdlyLongNumberIsReadAsTextAndRefusedQuickly() {
            // Jackson's YAML parser reads a digit string longer than its number limit as text, so it is never converted.
            assertFails("name: x\nseed: " + "9".repeat(5_000) + "\n", CoreErrorCode.TOPOLOGY_TYPE_MISMATCH, "2:7", "found text '9999");
        }
    }

    @Nested
    class TopologyFiles {
        @Test
        void missingFileIsNotReadableAndNamesThePath(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> loader.load(missing))
                    .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.FILE_NOT_READABLE))
                    .hasMessage("Cannot read topology file '" + missing + "': no such file");
        }

        @Test
        void directoryIsNotReadable(@TempDir Path dir) {
            assertThatThrownBy(() -> loader.load(dir))
                    .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.FILE_NOT_READABLE));
        }

        @Test
        void positionsUseThePathAsGiven(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, "name: x\nseed: abc\n");

            ExhaException e = catchThrowableOfType(ExhaException.class, () -> loader.load(file));

            assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo(file + ":2:7"));
        }

        @Test
        void invalidUtf8IsASyntaxErrorAtTheBadByte(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("latin1.yaml");
            Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'x', '\n', 's', 'i', 't', 'e', ':', ' ', (byte) 0xE9, '\n'});

            ExhaException e = catchThrowableOfType(ExhaException.class, () -> loader.load(file));

            assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_SYNTAX);
            assertThat(e.getMessage()).contains("not valid UTF-8");
            assertThat(e.position()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo(file + ":2:7"));
        }
    }

    @Nested
    class Construction {
        private final TopologySection<String> other = new TopologySection<>() {
            @Override
            public String key() {
                return "hosts";
            }

            @Override
            public Class<String> type() {
                return String.class;
            }

            @Override
            public String description() {
                return "clashes with the sample hosts";
            }
        };

        @Test
        void twoSectionsWithTheSameKeyAreAProgrammingError() {
            assertThatThrownBy(() -> new TopologyLoader(Set.of(HOSTS, other)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'hosts'");
        }

        @Test
        void sectionUsingABuiltInKeyIsAProgrammingError() {
            TopologySection<String> seed = new TopologySection<>() {
                @Override
                public String key() {
                    return "seed";
                }

                @Override
                public Class<String> type() {
                    return String.class;
                }

                @Override
                public String description() {
                    return "clashes with the built-in seed";
                }
            };

            assertThatThrownBy(() -> new TopologyLoader(Set.of(seed)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("built-in key 'seed'");
        }
    }

    @Nested
    class TopologyValue {
        @Test
        void minimalTopologyHasNoFileDefaultStartAndNoSections() {
            Topology topology = Topology.minimal("lab", 7);

            assertThat(topology.file()).isEqualTo("<none>");
            assertThat(topology.start()).isEqualTo(Instant.parse("2008-03-01T00:00:00Z"));
            assertThat(topology.sections()).isEmpty();
        }

        @Test
        void sectionsAreCopiedAndUnmodifiable() {
            Map<String, Object> sections = new java.util.HashMap<>(Map.of("hosts", new Hosts(List.of())));
            Topology topology = new Topology("f", "lab", 1, Topology.DEFAULT_START, null, sections);
            sections.clear();

            assertThat(topology.section(HOSTS)).contains(new Hosts(List.of()));
            assertThatThrownBy(() -> topology.sections().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void blankNameIsRejected() {
            assertThatThrownBy(() -> Topology.minimal(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
