package io.github.exha.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classic YAML deserialisation attacks, as a topology file carrying them: each is refused before anything is
 * bound, with a typed error at {@code file:line:column}, and nothing is instantiated (the screen reads events only;
 * no constructor that builds Java objects from tags exists in the loader). Limits: {@value TopologyLoader#MAX_CHARS}
 * characters, {@value DocumentScreen#MAX_DEPTH} levels of nesting, no aliases at all (at most
 * {@value DocumentScreen#MAX_ALIASES} are read before a document is called a bomb), numbers of at most
 * {@value DocumentScreen#MAX_NUMBER_LENGTH} characters.
 */
class HostileYamlTest {
    private final TopologyLoader loader = new TopologyLoader(Set.of());

    private ExhaException failure(String yaml) {
        ExhaException e = catchThrowableOfType(ExhaException.class, () -> loader.parse("evil.yaml", yaml));
        assertThat(e).as("refused:%n%s", yaml).isNotNull();
        assertThat(e.code()).as(e.describe()).isNotEqualTo(CoreErrorCode.INTERNAL_ERROR);
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            !!java.lang.ProcessBuilder                     | name: x\\nseed: !!java.lang.ProcessBuilder [[calc.exe]]\\n | 2:7
            !!javax.script.ScriptEngineManager             | name: x\\nhosts: [!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ['http://127.0.0.1/']]]]]\\n | 2:9
            !foo                                           | name: !foo x\\n | 1:7
            !!int                                          | name: x\\nseed: !!int '5'\\n | 2:7
            !!str                                          | name: !!str 5\\n | 1:7
            !!map                                          | name: x\\nstorage: !!map {}\\n | 2:10
            !!java.lang.Runtime                            | name: x\\n!<tag:yaml.org,2002:java.lang.Runtime> k: 1\\n | 2:1
            !!java.io.FileInputStream                      | name: x\\ndescription: !!java.io.FileInputStream [/etc/passwd]\\n | 2:14
            !e!Evil                                        | %TAG !e! tag:evil.example,2000:\\n---\\nname: !e!Evil x\\n | 3:7
            """)
    void customAndTypeTagsAreRefusedWhereTheyStand(String tag, String escapedYaml, String position) {
        ExhaException e = failure(escapedYaml.replace("\\n", "\n"));
        assertThat(e.code()).as(e.describe()).isEqualTo(CoreErrorCode.TOPOLOGY_SYNTAX);
        assertThat(e.describe()).startsWith("evil.yaml:" + position + ": YAML tags are not allowed in a topology");
        assertThat(e.getMessage()).contains(tag.startsWith("!!") ? tag.substring(2) : tag.substring(tag.lastIndexOf('!') + 1));
    }

    @Test
    @Timeout(10) // a guard against expanding the bomb, not a performance figure
    void billionLaughsWithMappingsIsRefusedAsTooLarge() {
        StringBuilder yaml = new StringBuilder("name: lol\na0: &a0 {k: lol}\n");
        for (int level = 1; level <= 12; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" {");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append("k").append(i).append(": *a").append(level - 1);
            }
            yaml.append("}\n");
        }
        ExhaException e = failure(yaml.toString());
        assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
        assertThat(e.describe()).matches("evil\\.yaml:\\d+:\\d+: .*alias bomb.*");
    }

    @Test
    @Timeout(10)
    void deepFlowNestingIsRefusedWithoutOverflowingTheStack() {
        ExhaException e = failure("name: x\nhosts: " + "[".repeat(100_000) + "\n");
        assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
        assertThat(e.describe()).startsWith("evil.yaml:2:");
        assertThat(e.getMessage()).contains("more than " + DocumentScreen.MAX_DEPTH + " levels");
    }

    @Test
    @Timeout(10)
    void oversizedDocumentIsRefusedWithItsLimit() {
        ExhaException e = failure("name: x\nhosts:\n" + "  - {name: H}\n".repeat(TopologyLoader.MAX_CHARS / 14 + 1));
        assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_TOO_LARGE);
        assertThat(e.describe()).startsWith("evil.yaml:1:1: ").contains("at most " + TopologyLoader.MAX_CHARS);
    }
}
