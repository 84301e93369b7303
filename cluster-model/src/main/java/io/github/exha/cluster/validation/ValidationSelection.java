package io.github.exha.cluster.validation;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NearestNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which tests a validation runs: all of them ("Run all tests (recommended)") or those the user selected ("Run only
 * tests I select"; {@code Test-Cluster -Include / -Ignore}).
 *
 * @param tests the selected tests, never empty
 */
public record ValidationSelection(Set<ValidationTest> tests) {
    /** Validates the selection and copies it. */
    public ValidationSelection {
        Objects.requireNonNull(tests, "tests");
        if (tests.isEmpty()) {
            throw new IllegalArgumentException("a validation runs at least one test");
        }
        tests = Collections.unmodifiableSet(EnumSet.copyOf(tests));
    }

    /** Every test. */
    public static ValidationSelection all() {
        return new ValidationSelection(EnumSet.allOf(ValidationTest.class));
    }

    /** Every test of the given categories. */
    public static ValidationSelection categories(ValidationCategory... categories) {
        Set<ValidationCategory> wanted = Set.of(categories);
        EnumSet<ValidationTest> tests = EnumSet.noneOf(ValidationTest.class);
        for (ValidationTest test : ValidationTest.values()) {
            if (wanted.contains(test.category())) {
                tests.add(test);
            }
        }
        return new ValidationSelection(tests);
    }

    /**
     * The selection {@code -Include} and {@code -Ignore} describe. Each name is a category ({@code Storage},
     * {@code System Configuration}) or a test ({@code Validate Disk Failover}), ignoring case. Without includes every
     * test is included; the ignored tests are then left out.
     *
     * @param include the names to run, or empty for all
     * @param ignore the names to leave out
     * @throws ExhaException {@code UNKNOWN_TEST} with the nearest names; {@code INCLUDE_IGNORE_CONFLICT} when a name is
     *     both included and ignored, or an included test's category is ignored; {@code NOTHING_SELECTED} when no test
     *     is left
     */
    public static ValidationSelection parse(List<String> include, List<String> ignore) {
        List<Item> included = items(include);
        List<Item> ignored = items(ignore);
        for (Item in : included) {
            for (Item out : ignored) {
                if (in.equals(out) || (in.test() != null && out.test() == null && in.test().category() == out.category())) {
                    throw new ExhaException(ValidationErrorCode.INCLUDE_IGNORE_CONFLICT, "'" + in.name() + "' is both"
                            + " included and ignored" + (in.equals(out) ? "" : " (its category '" + out.name()
                            + "' is ignored)") + ": name each category or test in -Include or in -Ignore, not both.");
                }
            }
        }
        EnumSet<ValidationTest> tests = included.isEmpty() ? EnumSet.allOf(ValidationTest.class)
                : EnumSet.noneOf(ValidationTest.class);
        included.forEach(item -> tests.addAll(item.tests()));
        ignored.forEach(item -> tests.removeAll(item.tests()));
        if (tests.isEmpty()) {
            throw new ExhaException(ValidationErrorCode.NOTHING_SELECTED, "No test is left to run: -Ignore leaves out"
                    + " every category. Categories: " + String.join(", ", categoryNames()) + ".");
        }
        return new ValidationSelection(tests);
    }

    /** Whether {@code test} is selected. */
    public boolean includes(ValidationTest test) {
        return tests.contains(test);
    }

    /** Whether every test is selected (Microsoft supports a cluster only if it passed them all). */
    public boolean isComplete() {
        return tests.size() == ValidationTest.values().length;
    }

    /** The categories with at least one selected test, in wizard order. */
    public List<ValidationCategory> categories() {
        return Arrays.stream(ValidationCategory.values())
                .filter(category -> tests.stream().anyMatch(test -> test.category() == category)).toList();
    }

    /** The categories none of whose tests is selected, in wizard order. */
    public List<ValidationCategory> skippedCategories() {
        return Arrays.stream(ValidationCategory.values()).filter(category -> !categories().contains(category)).toList();
    }

    /** Every name {@code -Include} and {@code -Ignore} accept: the categories, then the tests. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(categoryNames());
        Arrays.stream(ValidationTest.values()).map(ValidationTest::displayName).forEach(names::add);
        return List.copyOf(names);
    }

    private static List<String> categoryNames() {
        return Arrays.stream(ValidationCategory.values()).map(ValidationCategory::displayName).toList();
    }

    private static List<Item> items(List<String> names) {
        List<Item> items = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            items.add(item(name));
        }
        return items;
    }

    private static Item item(String name) {
        String wanted = String.valueOf(name).strip().toLowerCase(Locale.ROOT);
        for (ValidationCategory category : ValidationCategory.values()) {
            if (category.displayName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return new Item(category.displayName(), category, null);
            }
        }
        for (ValidationTest test : ValidationTest.values()) {
            if (test.displayName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return new Item(test.displayName(), test.category(), test);
            }
        }
        throw new ExhaException(ValidationErrorCode.UNKNOWN_TEST, "'" + name + "' is not a validation category or"
                + " test." + NearestNames.didYouMean(String.valueOf(name).strip(), names(), "") + " Categories: "
                + String.join(", ", categoryNames()) + " (Test-Cluster -List shows the tests).");
    }

    /** A parsed name: a whole category (test null) or one test. */
    private record Item(String name, ValidationCategory category, ValidationTest test) {
        Set<ValidationTest> tests() {
            if (test != null) {
                return EnumSet.of(test);
            }
            EnumSet<ValidationTest> all = EnumSet.noneOf(ValidationTest.class);
            for (ValidationTest each : ValidationTest.values()) {
                if (each.category() == category) {
                    all.add(each);
                }
            }
            return all;
        }
    }
}
