package io.github.exha.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An output object as EMS cmdlets return them: a type name and ordered properties, shown as a table (its default
 * columns) or as a list ({@code | fl}), and serialised to JSON for {@code --format json}.
 *
 * @param typeName the object's type as PowerShell would name it ({@code StorageGroupCopyStatus})
 * @param properties every property, in display order
 * @param tableColumns the properties a table view shows; empty means all
 * @param view how text output shows it unless a format command says otherwise
 */
public record PsObject(String typeName, List<Property> properties, List<String> tableColumns, View view) {

    /** How an object is laid out as text. */
    public enum View {
        /** One row per object under a header of the table columns. */
        TABLE,
        /** {@code Name : value} lines, one object after another. */
        LIST
    }

    /**
     * One property.
     *
     * @param name the property name
     * @param value the value: text, number, boolean, instant, duration, enum, identity, list, nested object, or null
     */
    public record Property(String name, Object value) {
        public Property {
            Objects.requireNonNull(name, "name");
            if (value instanceof List<?> list) {
                value = List.copyOf(list);
            }
        }
    }

    public PsObject {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(view, "view");
        properties = List.copyOf(properties);
        tableColumns = List.copyOf(tableColumns);
        for (String column : tableColumns) {
            if (properties.stream().noneMatch(p -> p.name().equals(column))) {
                throw new IllegalArgumentException("table column " + column + " is not a property of " + typeName);
            }
        }
    }

    /** Starts an object of the given type. */
    public static Builder builder(String typeName) {
        return new Builder(typeName);
    }

    /** The value of a property (case-insensitive name), if the object has it. */
    public Optional<Object> get(String name) {
        for (Property p : properties) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.ofNullable(p.value());
            }
        }
        return Optional.empty();
    }

    /** The text of the {@code Identity} property, else of {@code Name}: what binds when the object is piped. */
    public Optional<String> identityText() {
        return get("Identity").or(() -> get("Name")).map(Object::toString);
    }

    /** The same object shown with another view. */
    public PsObject withView(View newView) {
        return new PsObject(typeName, properties, tableColumns, newView);
    }

    /** The columns a table shows: the declared ones, or every property. */
    public List<String> effectiveTableColumns() {
        if (!tableColumns.isEmpty()) {
            return tableColumns;
        }
        return properties.stream().map(Property::name).toList();
    }

    /** Builds a {@link PsObject}. */
    public static final class Builder {
        private final String typeName;
        private final List<Property> properties = new ArrayList<>();
        private List<String> tableColumns = List.of();
        private View view = View.TABLE;

        private Builder(String typeName) {
            this.typeName = typeName;
        }

        /** Adds a property. */
        public Builder add(String name, Object value) {
            properties.add(new Property(name, value));
            return this;
        }

        /** Sets the default table columns. */
        public Builder tableColumns(String... columns) {
            this.tableColumns = List.of(columns);
            return this;
        }

        /** Sets the default view. */
        public Builder view(View newView) {
            this.view = newView;
            return this;
        }

        /** The object. */
        public PsObject build() {
            return new PsObject(typeName, properties, tableColumns, view);
        }
    }
}
